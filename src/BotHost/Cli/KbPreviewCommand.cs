using System.CommandLine;
using BotHost.Console;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb preview [--knowledge DIR] [--port N]</c>: the web console on this checkout, reloading as files are
/// saved; prints the address to open and runs until Ctrl+C.
/// </summary>
internal static class KbPreviewCommand
{
    public const int DefaultPort = 5180;

    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var port = new Option<int>("--port", "-p") { Description = $"Loopback port to listen on (default {DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("preview", "Open the web console on this knowledge folder (no tokens, loopback only, reloads on save)") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = KnowledgePath.Resolve(parse.GetValue(knowledgeOption));
            if (!Directory.Exists(path))
            {
                env.Error.WriteLine($"bothost: knowledge folder not found: {path}");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(port) is < 0 or > 65535)
            {
                env.Error.WriteLine("bothost: --port must be between 0 and 65535");
                return ExitCodes.Usage;
            }

            var (app, problems) = ConsolePreviewHost.Build(path, parse.GetValue(port), env.Time);
            if (app is null)
            {
                foreach (var problem in problems) env.Error.WriteLine($"bothost: {problem}");
                env.Error.WriteLine("bothost: fix these errors (bothost kb check lists them all) and run kb preview again");
                return ExitCodes.Failure;
            }

            await using (app)
            {
                await app.StartAsync(cancellationToken);
                env.Output.WriteLine($"BotHost preview of {Path.GetFullPath(path)}: open {app.Urls.First()}{ConsolePaths.Root} (Ctrl+C to stop)");
                await app.WaitForShutdownAsync(cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
