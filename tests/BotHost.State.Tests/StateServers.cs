using Npgsql;

namespace BotHost.State.Tests;

/// <summary>
/// The servers .ci/run starts (<c>.ci/state-servers</c>): <c>BOTHOST_TEST_REDIS</c> (host:port) and
/// <c>BOTHOST_TEST_POSTGRES</c> (a connection string whose user may create databases).
/// </summary>
public static class StateServers
{
    public const string RedisVariable = "BOTHOST_TEST_REDIS";

    public const string PostgresVariable = "BOTHOST_TEST_POSTGRES";

    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value ? value : null;

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>In CI a missing server fails the test instead of skipping it.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The CI Redis, with generous StackExchange.Redis timeouts. The tests using it are about sharing state between
    /// replicas, and the product's 1 s default (a member never waits long for Redis) is shorter than a call can take on a
    /// loaded CI machine: a call that times out falls back to the replica's memory, which such a test reads as state not
    /// shared. The outage tests use a Redis of their own and keep the default.
    /// </summary>
    public static string RequireRedis() =>
        (Redis ?? throw new InvalidOperationException($"{RedisVariable} is not set: CI must run the Redis tests (.ci/run starts the server)"))
        + ",connectTimeout=10000,asyncTimeout=10000,syncTimeout=10000";

    public static string RequirePostgres() =>
        Postgres ?? throw new InvalidOperationException($"{PostgresVariable} is not set: CI must run the PostgreSQL tests (.ci/run starts the server)");

    /// <summary>A key prefix no other test uses, so tests share one Redis without seeing each other's keys.</summary>
    public static string UniquePrefix() => $"test-{Guid.NewGuid():N}:";
}

/// <summary>A test against the Redis that .ci/run starts; skipped with the reason outside CI when there is none.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (StateServers.Redis is null && !StateServers.InCi) Skip = $"no Redis: set {StateServers.RedisVariable}=host:port (eval \"$(.ci/state-servers start DIR)\")";
    }
}

/// <summary>A test against the PostgreSQL that .ci/run starts; skipped with the reason outside CI when there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (StateServers.Postgres is null && !StateServers.InCi) Skip = $"no PostgreSQL: set {StateServers.PostgresVariable} (eval \"$(.ci/state-servers start DIR)\")";
    }
}

/// <summary>A test needing both servers.</summary>
public sealed class StateServersFactAttribute : FactAttribute
{
    public StateServersFactAttribute()
    {
        if ((StateServers.Redis is null || StateServers.Postgres is null) && !StateServers.InCi)
        {
            Skip = $"no Redis and PostgreSQL: set {StateServers.RedisVariable} and {StateServers.PostgresVariable} (eval \"$(.ci/state-servers start DIR)\")";
        }
    }
}

/// <summary>A fresh, empty database on the test PostgreSQL, dropped on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private TempDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var admin = StateServers.RequirePostgres();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var source = NpgsqlDataSource.Create(admin))
        await using (var command = source.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new TempDatabase(admin, name);
    }

    public NpgsqlDataSource Open() => NpgsqlDataSource.Create(ConnectionString);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var source = Open();
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var source = NpgsqlDataSource.Create(_admin);
        await using var command = source.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
