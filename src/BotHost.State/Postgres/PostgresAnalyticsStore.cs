using BotHost.Core.Analytics;
using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BotHost.State.Postgres;

/// <summary>
/// <see cref="IAnalyticsStore"/> on PostgreSQL (<c>Analytics__ConnectionString</c>), so every replica's counts land in one
/// database. A reply never waits for the database: counts wait in an <see cref="AnalyticsWriteBuffer"/> (bounded, written
/// once a second and on shutdown, kept while PostgreSQL cannot be reached and written when it returns; <c>/readyz</c> says
/// so) and are written in one upsert (<c>INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE</c>). Migrations
/// (<see cref="PostgresMigrations"/>) are applied before the first write.
/// </summary>
public sealed class PostgresAnalyticsStore : IAnalyticsStore
{
    private readonly NpgsqlDataSource _database;
    private readonly AnalyticsWriteBuffer _writes;
    private bool _migrated;

    public PostgresAnalyticsStore(NpgsqlDataSource database, TimeProvider time, ILogger<PostgresAnalyticsStore> logger, BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        var where = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var at = $"{where.Host}:{where.Port}/{where.Database}";
        _writes = new AnalyticsWriteBuffer("postgresql", () => at, Write, FailureReason, time, logger, metrics);
    }

    public string Kind => "postgresql";

    public StateHealthReport Health => _writes.Health;

    public void Increment(DailyCountKey key) => _writes.Increment(key);

    public void AddQuestion(StoredQuestion question) => _writes.AddQuestion(question);

    /// <summary>Writes what is waiting now; throws <see cref="NpgsqlException"/> when PostgreSQL cannot take it (the sums are kept).</summary>
    public void Flush() => _writes.Flush();

    public int DeleteExpired(DateTimeOffset now)
    {
        EnsureMigrated();
        using var command = _database.CreateCommand("DELETE FROM declined_questions WHERE expires <= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command.ExecuteNonQuery();
    }

    public GapReport Report(DateOnly since, DateTimeOffset now) => Read(() => PostgresGapReport.Read(_database, since, now));

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community) =>
        Read(() => PostgresGapReport.Counts(_database, since, platform, community));

    public IReadOnlyList<GapQuestionRow> Questions(string platform, string community, DateTimeOffset now, int limit) =>
        Read(() => PostgresGapReport.Questions(_database, platform, community, now, limit));

    public void Dispose() => _writes.Dispose();

    /// <summary>What PostgreSQL cannot be written for (kept for the next write), or null for a bug.</summary>
    private static string? FailureReason(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        NpgsqlException => exception.GetType().Name,
        _ => null,
    };

    private void Write(IReadOnlyDictionary<DailyCountKey, long> counts, IReadOnlyList<StoredQuestion> questions)
    {
        EnsureMigrated();
        if (counts.Count == 0 && questions.Count == 0) return;
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        if (counts.Count > 0)
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO daily_counts (day, platform, community, article, kind, count)
                SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
                ON CONFLICT (day, platform, community, article, kind) DO UPDATE SET count = daily_counts.count + EXCLUDED.count
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Keys.Select(k => k.Day).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Keys.Select(k => k.Platform).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Keys.Select(k => k.Community).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Keys.Select(k => k.Article).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Keys.Select(k => k.Kind).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Values.ToArray() });
            command.ExecuteNonQuery();
        }

        if (questions.Count > 0)
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO declined_questions (at, expires, platform, community, text)
                SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[], $3::text[], $4::text[], $5::text[])
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => q.At.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => q.Expires.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => q.Platform).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => q.Community).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => q.RedactedText).ToArray() });
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>A read after the waiting counts are written, on a migrated database (a read may come before any write).</summary>
    private T Read<T>(Func<T> read) => _writes.FlushThen(() =>
    {
        EnsureMigrated();
        return read();
    });

    private void EnsureMigrated()
    {
        if (Volatile.Read(ref _migrated)) return;
        PostgresMigrations.ApplyAsync(_database, CancellationToken.None).GetAwaiter().GetResult();
        Volatile.Write(ref _migrated, true);
    }
}
