using BotHost.Core.Analytics;
using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BotHost.State.Postgres;

/// <summary>
/// <see cref="IAnalyticsStore"/> on PostgreSQL (<c>Analytics__ConnectionString</c>), so every replica's counts land in one
/// database. A reply never waits for the database: counts are added up in memory and written once a
/// <see cref="FlushInterval"/> in one upsert (<c>INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE</c>), and on
/// shutdown. While PostgreSQL cannot be reached the sums are kept (at most <see cref="MaxPendingKeys"/> counts and
/// <see cref="MaxPendingQuestions"/> questions; past that they are dropped and counted) and written when it returns;
/// <c>/readyz</c> says so. Migrations (<see cref="PostgresMigrations"/>) are applied before the first write.
/// </summary>
public sealed partial class PostgresAnalyticsStore : IAnalyticsStore, IStateHealth
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public const int MaxPendingKeys = 100_000;

    public const int MaxPendingQuestions = 10_000;

    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresAnalyticsStore> _logger;
    private readonly BotMetrics? _metrics;
    private readonly Lock _buffer = new();
    private readonly Lock _flush = new();
    private readonly ITimer _timer;
    private readonly string _where;
    private Dictionary<DailyCountKey, long> _counts = [];
    private List<StoredQuestion> _questions = [];
    private bool _migrated;
    private int _disposed;
    private long _failures;
    private long _dropped;
    private DateTimeOffset? _downSince;
    private string? _lastError;

    public PostgresAnalyticsStore(NpgsqlDataSource database, TimeProvider time, ILogger<PostgresAnalyticsStore> logger, BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        var where = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        _where = $"{where.Host}:{where.Port}/{where.Database}";
        _timer = time.CreateTimer(_ => TryFlush(), null, FlushInterval, FlushInterval);
    }

    public string Kind => "postgresql";

    public StateHealthReport Health
    {
        get
        {
            lock (_buffer)
            {
                var pending = _counts.Count + _questions.Count;
                return _downSince is { } since
                    ? new StateHealthReport("postgresql", false,
                        $"degraded since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({_lastError}); {pending} count(s) waiting, {_dropped} dropped")
                    : new StateHealthReport("postgresql", true, $"ok ({_where})");
            }
        }
    }

    public void Increment(DailyCountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_buffer)
        {
            if (_counts.TryGetValue(key, out var count))
            {
                _counts[key] = count + 1;
                return;
            }

            if (_counts.Count < MaxPendingKeys)
            {
                _counts[key] = 1;
                return;
            }

            _dropped++;
        }

        _metrics?.StateFailed("postgresql", "buffer_full");
    }

    public void AddQuestion(StoredQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        lock (_buffer)
        {
            if (_questions.Count < MaxPendingQuestions)
            {
                _questions.Add(question);
                return;
            }

            _dropped++;
        }

        _metrics?.StateFailed("postgresql", "buffer_full");
    }

    /// <summary>Writes what is waiting now; throws <see cref="NpgsqlException"/> when PostgreSQL cannot take it (the sums are kept).</summary>
    public void Flush()
    {
        lock (_flush)
        {
            if (FlushOnce() is { } failure) throw failure;
        }
    }

    /// <summary>One write of everything waiting; the failure (counted, logged once per outage) or null. Callers hold <see cref="_flush"/>.</summary>
    private NpgsqlException? FlushOnce()
    {
        {
            Dictionary<DailyCountKey, long> counts;
            List<StoredQuestion> questions;
            lock (_buffer)
            {
                (counts, _counts) = (_counts, []);
                (questions, _questions) = (_questions, []);
            }

            try
            {
                Write(counts, questions);
                Succeeded();
                return null;
            }
            catch (NpgsqlException ex)
            {
                Restore(counts, questions);
                Failed("flush", ex);
                return ex;
            }
        }
    }

    public int DeleteExpired(DateTimeOffset now)
    {
        EnsureMigrated();
        using var command = _database.CreateCommand("DELETE FROM declined_questions WHERE expires <= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command.ExecuteNonQuery();
    }

    public GapReport Report(DateOnly since, DateTimeOffset now)
    {
        Flush();
        return PostgresGapReport.Read(_database, since, now);
    }

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community)
    {
        Flush();
        return PostgresGapReport.Counts(_database, since, platform, community);
    }

    public IReadOnlyList<GapQuestionRow> Questions(string platform, string community, DateTimeOffset now, int limit)
    {
        Flush();
        return PostgresGapReport.Questions(_database, platform, community, now, limit);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _timer.Dispose();
        try
        {
            Flush();
        }
        catch (NpgsqlException ex)
        {
            LogLostAtShutdown(ex, _counts.Count + _questions.Count);
        }
    }

    /// <summary>The timer's flush: a boundary, so a failure is counted and logged once per outage, never thrown.</summary>
    private void TryFlush()
    {
        if (!_flush.TryEnter()) return;
        try
        {
            FlushOnce();
        }
        finally
        {
            _flush.Exit();
        }
    }

    private void Write(Dictionary<DailyCountKey, long> counts, List<StoredQuestion> questions)
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

    private void EnsureMigrated()
    {
        if (Volatile.Read(ref _migrated)) return;
        PostgresMigrations.ApplyAsync(_database, CancellationToken.None).GetAwaiter().GetResult();
        Volatile.Write(ref _migrated, true);
    }

    /// <summary>Puts unwritten sums back in front of what arrived meanwhile, within the same bounds.</summary>
    private void Restore(Dictionary<DailyCountKey, long> counts, List<StoredQuestion> questions)
    {
        lock (_buffer)
        {
            foreach (var (key, count) in counts)
            {
                if (_counts.TryGetValue(key, out var newer)) _counts[key] = newer + count;
                else if (_counts.Count < MaxPendingKeys) _counts[key] = count;
                else _dropped++;
            }

            var room = Math.Max(0, MaxPendingQuestions - _questions.Count);
            _dropped += Math.Max(0, questions.Count - room);
            _questions.InsertRange(0, questions.Take(room));
        }
    }

    private void Succeeded()
    {
        lock (_buffer)
        {
            if (_downSince is null) return;
            LogRecovered(_failures);
            _downSince = null;
        }
    }

    private void Failed(string operation, NpgsqlException exception)
    {
        _metrics?.StateFailed("postgresql", operation);
        lock (_buffer)
        {
            _failures++;
            _lastError = exception is PostgresException postgres ? $"{postgres.SqlState} {postgres.MessageText}" : exception.GetType().Name;
            if (_downSince is not null) return;
            _downSince = _time.GetUtcNow();
            LogDown(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database (PostgreSQL) cannot be written; counts are kept in memory and written when it returns")]
    private partial void LogDown(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The analytics database (PostgreSQL) is back after {Failures} failed write(s); the kept counts are written")]
    private partial void LogRecovered(long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database (PostgreSQL) could not be written at shutdown; {Pending} count(s) were lost")]
    private partial void LogLostAtShutdown(Exception exception, int pending);
}
