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
/// A reply never waits for the file: counts wait in an <see cref="AnalyticsWriteBuffer"/> (bounded, written once a
/// second, failures counted as <c>bothost_state_failures{store="sqlite"}</c>, logged once per outage and shown on
/// <c>/readyz</c>) and are written in one transaction on a connection opened for that write, so a file deleted or made
/// read-only while serving is noticed at the next write.
/// </summary>
public sealed class SqliteAnalyticsStore : IAnalyticsStore
{
    private readonly IOptions<AnalyticsOptions> _options;
    private readonly AnalyticsWriteBuffer _writes;
    private bool _written;

    static SqliteAnalyticsStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteAnalyticsStore(IOptions<AnalyticsOptions> options, TimeProvider? time = null, ILogger<SqliteAnalyticsStore>? logger = null,
        BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _writes = new AnalyticsWriteBuffer("sqlite", () => DatabasePath, Write, FailureReason, time ?? TimeProvider.System,
            logger ?? (ILogger)NullLogger<SqliteAnalyticsStore>.Instance, metrics);
    }

    public string Kind => "sqlite";

    public StateHealthReport Health => _writes.Health;

    /// <summary>Read on first use, not in the constructor: the host validates the options on start, after building its services.</summary>
    private string DatabasePath => _options.Value.DatabasePath;

    public void Increment(DailyCountKey key) => _writes.Increment(key);

    public void AddQuestion(StoredQuestion question) => _writes.AddQuestion(question);

    /// <summary>Counts and questions waiting for the next write (bounded; see <see cref="AnalyticsWriteBuffer"/>).</summary>
    public int Pending => _writes.Pending;

    /// <summary>Writes what is waiting now; throws when the file cannot take it (the sums are kept for the next write).</summary>
    public void Flush() => _writes.Flush();

    public int DeleteExpired(DateTimeOffset now) => _writes.FlushThen(() =>
    {
        if (!File.Exists(DatabasePath)) return 0;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM declined_questions WHERE expires <= $now";
        command.Parameters.AddWithValue("$now", Stamp(now));
        return command.ExecuteNonQuery();
    });

    public GapReport Report(DateOnly since, DateTimeOffset now) => _writes.FlushThen(() =>
    {
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
    });

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community) => _writes.FlushThen(() =>
    {
        var counts = new List<DailyCount>();
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
    });

    public IReadOnlyList<GapQuestionRow> Questions(string platform, string community, DateTimeOffset now, int limit) => _writes.FlushThen(() =>
    {
        var questions = new List<GapQuestionRow>();
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
    });

    public void Dispose() => _writes.Dispose();

    /// <summary>What the store cannot be written for (kept for the next write), or null for a bug.</summary>
    private static string? FailureReason(Exception exception) => exception switch
    {
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message.Split('\n')[0]}",
        FileNotFoundException => "the database file was deleted while serving; counts from before are gone",
        IOException or UnauthorizedAccessException => exception.Message,
        _ => null,
    };

    private void Write(IReadOnlyDictionary<DailyCountKey, long> counts, IReadOnlyList<StoredQuestion> questions)
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

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
