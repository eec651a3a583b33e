using System.Globalization;
using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Analytics;

/// <summary>
/// The embedded <see cref="IAnalyticsStore"/>: one SQLite file (<see cref="AnalyticsOptions.DatabasePath"/>), created on
/// the first write, no server to install. One replica only: two processes would each need their own file.
/// A reply never waits for the file: counts are added up in memory (at most <see cref="MaxPendingKeys"/> counts and
/// <see cref="MaxPendingQuestions"/> questions; past that they are dropped and counted) and written once a
/// <see cref="FlushInterval"/> in one transaction, on a connection opened for that write, so a file deleted or made
/// read-only while serving is noticed at the next write. A failed write keeps the sums, counts the failure
/// (<c>bothost_state_failures{store="sqlite"}</c>), logs once per outage and shows on <c>/readyz</c> as degraded with the
/// reason; the next write tries again.
/// </summary>
public sealed partial class SqliteAnalyticsStore : IAnalyticsStore
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public const int MaxPendingKeys = 100_000;

    public const int MaxPendingQuestions = 10_000;

    private readonly IOptions<AnalyticsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteAnalyticsStore> _logger;
    private readonly BotMetrics? _metrics;
    private readonly Lock _buffer = new();
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Dictionary<DailyCountKey, long> _counts = [];
    private List<StoredQuestion> _questions = [];
    private bool _written;
    private int _disposed;
    private long _failures;
    private long _dropped;
    private DateTimeOffset? _downSince;
    private string? _lastError;
    private string? _lastIncident;

    static SqliteAnalyticsStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteAnalyticsStore(IOptions<AnalyticsOptions> options, TimeProvider? time = null, ILogger<SqliteAnalyticsStore>? logger = null,
        BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SqliteAnalyticsStore>.Instance;
        _metrics = metrics;
    }

    /// <summary>
    /// Starts the once-a-second write with the first count, not in the constructor: a process (or a test host) that never
    /// counts anything never wakes up for it. Called under the buffer's lock.
    /// </summary>
    private void EnsureTimer()
    {
        if (_timer is null && _disposed == 0) _timer = _time.CreateTimer(_ => TryFlush(), null, FlushInterval, FlushInterval);
    }

    public string Kind => "sqlite";

    public StateHealthReport Health
    {
        get
        {
            lock (_buffer)
            {
                var pending = _counts.Count + _questions.Count;
                if (_downSince is { } since)
                {
                    return new StateHealthReport("sqlite", false,
                        $"degraded since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({_lastError}); {pending} count(s) waiting, {_dropped} dropped");
                }

                return new StateHealthReport("sqlite", true, _lastIncident is null ? $"ok ({DatabasePath})" : $"ok ({DatabasePath}; {_lastIncident})");
            }
        }
    }

    /// <summary>Read on first use, not in the constructor: the host validates the options on start, after building its services.</summary>
    private string DatabasePath => _options.Value.DatabasePath;

    public void Increment(DailyCountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_buffer)
        {
            EnsureTimer();
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

        _metrics?.StateFailed("sqlite", "buffer_full");
    }

    public void AddQuestion(StoredQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        lock (_buffer)
        {
            EnsureTimer();
            if (_questions.Count < MaxPendingQuestions)
            {
                _questions.Add(question);
                return;
            }

            _dropped++;
        }

        _metrics?.StateFailed("sqlite", "buffer_full");
    }

    /// <summary>Counts and questions waiting for the next write (bounded by <see cref="MaxPendingKeys"/> and <see cref="MaxPendingQuestions"/>).</summary>
    public int Pending
    {
        get
        {
            lock (_buffer) return _counts.Count + _questions.Count;
        }
    }

    /// <summary>Writes what is waiting now; throws when the file cannot take it (the sums are kept for the next write).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (FlushOnce() is { } failure) throw failure;
        }
    }

    public int DeleteExpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (FlushOnce() is { } failure) throw failure;
            if (!File.Exists(DatabasePath)) return 0;
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM declined_questions WHERE expires <= $now";
            command.Parameters.AddWithValue("$now", Stamp(now));
            return command.ExecuteNonQuery();
        }
    }

    public GapReport Report(DateOnly since, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (FlushOnce() is { } failure) throw failure;
            var articles = new List<GapArticleRow>();
            var declined = new List<GapDayRow>();
            var questions = new List<GapQuestionRow>();
            if (!File.Exists(DatabasePath)) return new GapReport(articles, declined, questions);
            using var connection = Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT article,
                           SUM(CASE kind WHEN 'answered' THEN count ELSE 0 END),
                           SUM(CASE kind WHEN 'helpful' THEN count ELSE 0 END),
                           SUM(CASE kind WHEN 'not_helpful' THEN count ELSE 0 END)
                    FROM daily_counts WHERE day >= $since AND article <> '' GROUP BY article ORDER BY 2 DESC, article
                    """;
                command.Parameters.AddWithValue("$since", Day(since));
                using var reader = command.ExecuteReader();
                while (reader.Read()) articles.Add(new GapArticleRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT day, SUM(count) FROM daily_counts WHERE day >= $since AND kind = 'declined' GROUP BY day ORDER BY day";
                command.Parameters.AddWithValue("$since", Day(since));
                using var reader = command.ExecuteReader();
                while (reader.Read()) declined.Add(new GapDayRow(reader.GetString(0), reader.GetInt64(1)));
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT at, platform, community, text FROM declined_questions WHERE expires > $now ORDER BY at DESC LIMIT 100";
                command.Parameters.AddWithValue("$now", Stamp(now));
                using var reader = command.ExecuteReader();
                while (reader.Read()) questions.Add(new GapQuestionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return new GapReport(articles, declined, questions);
        }
    }

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community)
    {
        lock (_gate)
        {
            var counts = new List<DailyCount>();
            if (FlushOnce() is { } failure) throw failure;
            if (!File.Exists(DatabasePath)) return counts;
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT day, platform, community, article, kind, count FROM daily_counts
                WHERE day >= $since AND ($platform IS NULL OR (platform = $platform AND community = $community))
                ORDER BY day, platform, community, kind, article
                """;
            command.Parameters.AddWithValue("$since", Day(since));
            command.Parameters.AddWithValue("$platform", (object?)platform ?? DBNull.Value);
            command.Parameters.AddWithValue("$community", (object?)community ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts.Add(new DailyCount(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
            }

            return counts;
        }
    }

    public IReadOnlyList<GapQuestionRow> Questions(string platform, string community, DateTimeOffset now, int limit)
    {
        lock (_gate)
        {
            var questions = new List<GapQuestionRow>();
            if (FlushOnce() is { } failure) throw failure;
            if (!File.Exists(DatabasePath)) return questions;
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT at, platform, community, text FROM declined_questions
                WHERE platform = $platform AND community = $community AND expires > $now ORDER BY at DESC LIMIT $limit
                """;
            command.Parameters.AddWithValue("$platform", platform);
            command.Parameters.AddWithValue("$community", community);
            command.Parameters.AddWithValue("$now", Stamp(now));
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read()) questions.Add(new GapQuestionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            return questions;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_buffer) _timer?.Dispose();
        lock (_gate)
        {
            if (FlushOnce() is { } failure) LogLostAtShutdown(failure, Pending);
        }
    }

    /// <summary>The timer's write: a boundary, so a failure is counted and logged once per outage, never thrown.</summary>
    private void TryFlush()
    {
        if (!_gate.TryEnter()) return;
        try
        {
            FlushOnce();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>One write of everything waiting; the failure (counted, logged once per outage) or null. Callers hold <see cref="_gate"/>.</summary>
    private Exception? FlushOnce()
    {
        Dictionary<DailyCountKey, long> counts;
        List<StoredQuestion> questions;
        lock (_buffer)
        {
            if (_counts.Count == 0 && _questions.Count == 0 && _downSince is null) return null;
            (counts, _counts) = (_counts, []);
            (questions, _questions) = (_questions, []);
        }

        try
        {
            Write(counts, questions);
            Succeeded();
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            Restore(counts, questions);
            Failed(ex);
            return ex;
        }
    }

    private void Write(Dictionary<DailyCountKey, long> counts, List<StoredQuestion> questions)
    {
        if (_written && !File.Exists(DatabasePath))
        {
            // Deleted while serving: say so before a new, empty file takes its place at the next write.
            _written = false;
            throw new FileNotFoundException("the database file was deleted while serving; a new one is created at the next write", DatabasePath);
        }

        using var connection = Open();
        _written = true;
        using var transaction = connection.BeginTransaction();
        foreach (var (key, count) in counts)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO daily_counts (day, platform, community, article, kind, count) VALUES ($day, $platform, $community, $article, $kind, $count)
                ON CONFLICT (day, platform, community, article, kind) DO UPDATE SET count = count + excluded.count
                """;
            command.Parameters.AddWithValue("$day", Day(key.Day));
            command.Parameters.AddWithValue("$platform", key.Platform);
            command.Parameters.AddWithValue("$community", key.Community);
            command.Parameters.AddWithValue("$article", key.Article);
            command.Parameters.AddWithValue("$kind", key.Kind);
            command.Parameters.AddWithValue("$count", count);
            command.ExecuteNonQuery();
        }

        foreach (var question in questions)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO declined_questions (at, expires, platform, community, text) VALUES ($at, $expires, $platform, $community, $text)";
            command.Parameters.AddWithValue("$at", Stamp(question.At));
            command.Parameters.AddWithValue("$expires", Stamp(question.Expires));
            command.Parameters.AddWithValue("$platform", question.Platform);
            command.Parameters.AddWithValue("$community", question.Community);
            command.Parameters.AddWithValue("$text", question.RedactedText);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>A connection for one write or read, closed after it (no pooling): the file is looked up again each time.</summary>
    private SqliteConnection Open()
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(DatabasePath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL with synchronous=NORMAL: a write is a fast append, not an fsync per batch; a power cut can lose the
            // last few counts, never corrupt the file.
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS daily_counts (
                  day TEXT NOT NULL, platform TEXT NOT NULL, community TEXT NOT NULL, article TEXT NOT NULL, kind TEXT NOT NULL,
                  count INTEGER NOT NULL, PRIMARY KEY (day, platform, community, article, kind));
                CREATE TABLE IF NOT EXISTS declined_questions (
                  at TEXT NOT NULL, expires TEXT NOT NULL, platform TEXT NOT NULL, community TEXT NOT NULL, text TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS declined_questions_expires ON declined_questions (expires);
                """;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
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
            if (_downSince is not { } since) return;
            LogRecovered(_failures);
            _lastIncident = $"last failure {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {_lastError}";
            _downSince = null;
        }
    }

    private void Failed(Exception exception)
    {
        _metrics?.StateFailed("sqlite", "flush");
        lock (_buffer)
        {
            _failures++;
            _lastError = exception switch
            {
                SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message.Split('\n')[0]}",
                FileNotFoundException => "the database file was deleted while serving; counts from before are gone",
                _ => exception.Message,
            };
            if (_downSince is not null) return;
            _downSince = _time.GetUtcNow();
            LogDown(exception, DatabasePath);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database {Path} cannot be written; counts are kept in memory and written when it can be")]
    private partial void LogDown(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The analytics database is written again after {Failures} failed write(s); the kept counts are written")]
    private partial void LogRecovered(long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database could not be written at shutdown; {Pending} count(s) were lost")]
    private partial void LogLostAtShutdown(Exception exception, int pending);
}
