using System.CommandLine;
using BotHost.State;
using BotHost.State.Postgres;
using Npgsql;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost db migrate [--connection STRING]</c>: applies the analytics database's migrations
/// (<see cref="PostgresMigrations"/>) to PostgreSQL, as <c>serve</c> does at start; for deployments that migrate before
/// rolling out replicas. The connection string defaults to <c>Analytics__ConnectionString</c>.
/// </summary>
internal static class DbCommand
{
    public const string ConnectionVariable = "Analytics__ConnectionString";

    public static Command Create(CliEnvironment env)
    {
        var connection = new Option<string?>("--connection") { Description = $"PostgreSQL connection string (default: ${ConnectionVariable})" };
        var migrate = new Command("migrate", "Apply the analytics database's migrations to PostgreSQL") { connection };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var value = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                await env.Error.WriteLineAsync($"bothost: db migrate needs a PostgreSQL connection string: --connection or {ConnectionVariable}");
                return ExitCodes.Usage;
            }

            var problems = StateServiceCollectionExtensions.Problems(
                new ConfigurationBuilder().AddInMemoryCollection([new(StateServiceCollectionExtensions.PostgresSetting, value)]).Build());
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await env.Error.WriteLineAsync($"bothost: {problem}");
                return ExitCodes.Usage;
            }

            try
            {
                await using var database = NpgsqlDataSource.Create(value);
                var applied = await PostgresMigrations.ApplyAsync(database, cancellationToken);
                foreach (var name in applied) await env.Output.WriteLineAsync($"applied {name}");
                await env.Output.WriteLineAsync(applied.Count == 0
                    ? $"up to date ({PostgresMigrations.All.Count} migration(s))"
                    : $"{applied.Count} migration(s) applied; up to date ({PostgresMigrations.All.Count} in all)");
                return ExitCodes.Success;
            }
            catch (NpgsqlException ex)
            {
                await env.Error.WriteLineAsync($"bothost: db migrate failed: {(ex is PostgresException p ? $"{p.SqlState} {p.MessageText}" : ex.Message)}");
                return ExitCodes.Failure;
            }
        });
        return new Command("db", "Maintain the shared analytics database (PostgreSQL)") { migrate };
    }
}
