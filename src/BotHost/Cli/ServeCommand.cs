using System.CommandLine;
using BotHost.Serve;

namespace BotHost.Cli;

/// <summary><c>bothost serve [--urls URL] [--knowledge DIR] [--config FILE] [--communities FILE]</c>: the long-running host.</summary>
internal static class ServeCommand
{
    private const string Name = "serve";

    /// <summary>
    /// True for <c>serve</c>: the Generic Host's console lifetime handles SIGTERM and Ctrl+C (stop accepting, drain the
    /// queues within <see cref="ServeHost.ShutdownTimeout"/>, flush the logs, exit 0), not System.CommandLine.
    /// </summary>
    public static bool OwnsSignals(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.CommandResult.Command.Name == Name;
    }

    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var config = new Option<string?>("--config") { Description = "A JSON settings file (same keys as appsettings.json and the Section__Key environment variables)" };
        var communities = new Option<string?>("--communities") { Description = "communities.yaml: per-community region, channels and privacy (default: the Communities__File setting; see communities.example.yaml)" };
        var command = new Command(Name, "Run the bot as a service: chat adapters, health, metrics and live knowledge reload") { urls, config, communities };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServeSettings(parse.GetValue(urls)!, KnowledgePath.Resolve(parse.GetValue(knowledgeOption)), parse.GetValue(config), parse.GetValue(communities))
            {
                // The first load of a large knowledge base embeds for minutes before logging exists: plain lines on stderr.
                LoadProgress = KnowledgeBuildProgress.PlainLines(env),
            };
            if (settings.ConfigFile is { } file && !File.Exists(file))
            {
                env.Error.WriteLine($"bothost: --config: file not found: {file}");
                return ExitCodes.Usage;
            }

            var (app, problems) = ServeHost.Build(settings, env.Time);
            if (app is null)
            {
                // One line per problem, so every mistake in the knowledge base or communities.yaml is fixed in one pass.
                foreach (var problem in problems) env.Error.WriteLine($"bothost: {problem}");
                return ExitCodes.Failure;
            }

            await using (app)
            {
                try
                {
                    await app.RunAsync(cancellationToken);
                }
                catch (Exception ex) when (SettingsProblems.From(ex) is { } settingsProblems)
                {
                    // Build already validated every options class; this catches options first read while starting.
                    foreach (var problem in settingsProblems) env.Error.WriteLine($"bothost: {problem}");
                    return ExitCodes.Failure;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
