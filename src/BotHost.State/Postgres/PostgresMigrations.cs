using System.Globalization;
using System.Reflection;
using Npgsql;

namespace BotHost.State.Postgres;

/// <summary>
/// Versioned schema migrations for the analytics database: the SQL files in <c>Postgres/Migrations</c>, named
/// <c>NNNN_what.sql</c>, applied in order, each in its own transaction and recorded in <c>bothost_migrations</c>.
/// Replicas starting together take a transaction-scoped advisory lock first
/// (postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS), so each migration runs once.
/// Applied at start by <c>serve</c> and by <c>bothost db migrate</c>.
/// </summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock key: any fixed number, the same in every replica.</summary>
    private const long LockKey = 0x426F74486F7374; // "BotHost"

    private const string ResourcePrefix = "BotHost.State.Postgres.Migrations.";

    /// <summary>Every migration this build knows, in order: (version, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    /// <summary>Applies the migrations the database lacks; returns their names (empty when it was up to date).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(" + LockKey.ToString(CultureInfo.InvariantCulture) + ")", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS bothost_migrations (
              version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);
        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM bothost_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }

        List<string> names = [];
        foreach (var (version, name, sql) in All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO bothost_migrations (version, name) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            await record.ExecuteNonQueryAsync(cancellationToken);
            names.Add(name);
        }

        await transaction.CommitAsync(cancellationToken);
        return names;
    }

    /// <summary>
    /// Applies the migrations once per <paramref name="migrated"/> flag (a store's own), before its first read or write:
    /// a store may be used before the start-up migration has run (tests, <c>kb</c> commands).
    /// </summary>
    public static void Ensure(NpgsqlDataSource database, ref bool migrated)
    {
        if (Volatile.Read(ref migrated)) return;
        ApplyAsync(database, CancellationToken.None).GetAwaiter().GetResult();
        Volatile.Write(ref migrated, true);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .Select(name => (int.Parse(name[..4], NumberStyles.None, CultureInfo.InvariantCulture), name, Read(assembly, ResourcePrefix + name + ".sql")))];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
