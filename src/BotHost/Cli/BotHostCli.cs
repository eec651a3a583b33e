using System.CommandLine;

namespace BotHost.Cli;

/// <summary>The <c>bothost</c> command line. Every command writes to the given writers, so tests run them in-process.</summary>
public static class BotHostCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(args, new CliEnvironment(output, error, time, System.Console.In, CliStyleDetector.ForConsole()), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        var root = Build(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One clear line, not the whole help page.
            await env.Error.WriteLineAsync($"bothost: {parse.Errors[0].Message} (run 'bothost --help' for usage)");
            return ExitCodes.Usage;
        }

        // System.CommandLine ends the process 2 seconds after SIGTERM by default (exit 143), before `serve` has drained
        // its queues; `serve` leaves the signals to the host, which stops in order within its own shutdown timeout.
        var configuration = new InvocationConfiguration { Output = env.Output, Error = env.Error };
        if (ServeCommand.OwnsSignals(parse)) configuration.ProcessTerminationTimeout = null;
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand Build(CliEnvironment env)
    {
        var knowledge = CommonOptions.Knowledge();
        var kb = new Command("kb", "Maintain the knowledge base")
        {
            KbCheckCommand.Create(env, knowledge),
            KbEvalCommand.Create(env, knowledge),
            KbGapsCommand.Create(env),
            KbPreviewCommand.Create(env, knowledge),
            KbLengthsCommand.Create(env, knowledge),
            KbCoverageCommand.Create(env, knowledge),
        };
        return new RootCommand("BotHost answers questions about child online safety from vetted articles, with sources and hotlines.")
        {
            knowledge,
            AskCliCommand.Create(env, knowledge),
            ChatCliCommand.Create(env, knowledge),
            kb,
            SlackManifestCommand.Create(env),
            DiscordCliCommand.Create(env),
            ServeCommand.Create(env, knowledge),
            HealthcheckCommand.Create(env),
            DbCommand.Create(env),
        };
    }
}
