using BotHost.Cli;

// Composition only: every command lives in Cli/.
return await BotHostCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None);
