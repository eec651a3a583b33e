using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BotHost.State.Postgres;

/// <summary>
/// Applies the analytics migrations when <c>serve</c> starts. A database that cannot be reached does not stop start-up:
/// members are answered, counts wait in memory, and the store migrates before its first write when PostgreSQL returns.
/// </summary>
internal sealed partial class PostgresMigrationService(NpgsqlDataSource database, ILogger<PostgresMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var applied = await PostgresMigrations.ApplyAsync(database, cancellationToken);
            foreach (var name in applied) LogApplied(name);
        }
        catch (NpgsqlException ex)
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics database: applied migration {Name}")]
    private partial void LogApplied(string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Analytics database: migrations could not be applied at start; they will be retried before the first write")]
    private partial void LogFailed(Exception exception);
}
