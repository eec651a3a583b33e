using System.CommandLine;
using BotHost.Core.Analytics;
using BotHost.State.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb gaps [--db PATH] [--days 30]</c>: what the gap analytics recorded, for maintainers deciding which
/// articles to write or fix: answers and feedback per article, declined questions per day, and the redacted text of
/// recent declined questions where a community opted in.
/// </summary>
internal static class KbGapsCommand
{
    public static Command Create(CliEnvironment env)
    {
        var db = new Option<string?>("--db") { Description = "Analytics database (default: $Analytics__DatabasePath or bothost-analytics.db)" };
        var days = new Option<int>("--days") { Description = "How many days back to report", DefaultValueFactory = _ => 30 };
        var command = new Command("gaps", "Report what members asked that the bot could or could not answer (counts only, no member text)") { db, days };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(db) ?? Environment.GetEnvironmentVariable("Analytics__DatabasePath") ?? new AnalyticsOptions().DatabasePath;
            var window = parse.GetValue(days);
            if (window < 1)
            {
                env.Error.WriteLine("bothost: --days must be at least 1");
                return ExitCodes.Usage;
            }

            var postgres = parse.GetValue(db) is null ? Environment.GetEnvironmentVariable(DbCommand.ConnectionVariable) : null;
            if (string.IsNullOrWhiteSpace(postgres) && !File.Exists(path))
            {
                env.Error.WriteLine($"bothost: analytics database not found: {path} (the bot creates it when it first answers in a community)");
                return ExitCodes.Usage;
            }

            using var store = new GapAnalyticsStore(Store(path, postgres, env.Time), env.Time, NullLogger<GapAnalyticsStore>.Instance);
            var report = store.Report(window);
            if (env.Style == CliStyle.Rich) KbGapsReport.WriteRich(SpectreOutput.Create(env.Output), report, window);
            else KbGapsReport.WritePlain(env.Output, report, window);

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>PostgreSQL when <c>Analytics__ConnectionString</c> is set (and no --db), else the SQLite file.</summary>
    private static IAnalyticsStore Store(string path, string? postgres, TimeProvider time) => string.IsNullOrWhiteSpace(postgres)
        ? new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = path }))
        : new PostgresAnalyticsStore(NpgsqlDataSource.Create(postgres), time, NullLogger<PostgresAnalyticsStore>.Instance);
}
