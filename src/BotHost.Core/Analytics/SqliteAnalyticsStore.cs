using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Analytics;

/// <summary>
/// The embedded <see cref="IAnalyticsStore"/>: one SQLite file (<see cref="AnalyticsOptions.DatabasePath"/>), created on
/// the first write, no server to install. One replica only: two processes would each need their own file.
/// </summary>
public sealed class SqliteAnalyticsStore(IOptions<AnalyticsOptions> options) : IAnalyticsStore
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    static SqliteAnalyticsStore() => SQLitePCL.Batteries_V2.Init();

    public string Kind => "sqlite";

    /// <summary>Read on first use, not in the constructor: the host validates the options on start, after building its services.</summary>
    private string DatabasePath => options.Value.DatabasePath;

    public void Increment(DailyCountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            using var command = Connection().CreateCommand();
            command.CommandText = """
                INSERT INTO daily_counts (day, platform, community, article, kind, count) VALUES ($day, $platform, $community, $article, $kind, 1)
                ON CONFLICT (day, platform, community, article, kind) DO UPDATE SET count = count + 1
                """;
            command.Parameters.AddWithValue("$day", Day(key.Day));
            command.Parameters.AddWithValue("$platform", key.Platform);
            command.Parameters.AddWithValue("$community", key.Community);
            command.Parameters.AddWithValue("$article", key.Article);
            command.Parameters.AddWithValue("$kind", key.Kind);
            command.ExecuteNonQuery();
        }
    }

    public void AddQuestion(StoredQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        lock (_gate)
        {
            using var command = Connection().CreateCommand();
            command.CommandText = "INSERT INTO declined_questions (at, expires, platform, community, text) VALUES ($at, $expires, $platform, $community, $text)";
            command.Parameters.AddWithValue("$at", Stamp(question.At));
            command.Parameters.AddWithValue("$expires", Stamp(question.Expires));
            command.Parameters.AddWithValue("$platform", question.Platform);
            command.Parameters.AddWithValue("$community", question.Community);
            command.Parameters.AddWithValue("$text", question.RedactedText);
            command.ExecuteNonQuery();
        }
    }

    public int DeleteExpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_connection is null && !File.Exists(DatabasePath)) return 0;
            using var command = Connection().CreateCommand();
            command.CommandText = "DELETE FROM declined_questions WHERE expires <= $now";
            command.Parameters.AddWithValue("$now", Stamp(now));
            return command.ExecuteNonQuery();
        }
    }

    public GapReport Report(DateOnly since, DateTimeOffset now)
    {
        lock (_gate)
        {
            var articles = new List<GapArticleRow>();
            var declined = new List<GapDayRow>();
            var questions = new List<GapQuestionRow>();
            if (_connection is null && !File.Exists(DatabasePath)) return new GapReport(articles, declined, questions);
            using (var command = Connection().CreateCommand())
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

            using (var command = Connection().CreateCommand())
            {
                command.CommandText = "SELECT day, SUM(count) FROM daily_counts WHERE day >= $since AND kind = 'declined' GROUP BY day ORDER BY day";
                command.Parameters.AddWithValue("$since", Day(since));
                using var reader = command.ExecuteReader();
                while (reader.Read()) declined.Add(new GapDayRow(reader.GetString(0), reader.GetInt64(1)));
            }

            using (var command = Connection().CreateCommand())
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
            if (_connection is null && !File.Exists(DatabasePath)) return counts;
            using var command = Connection().CreateCommand();
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
            if (_connection is null && !File.Exists(DatabasePath)) return questions;
            using var command = Connection().CreateCommand();
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
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null) return _connection;
        var directory = Path.GetDirectoryName(Path.GetFullPath(DatabasePath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL with synchronous=NORMAL: a count is a fast append, not an fsync per reply (measured: the fsync capped
        // serve at ~650 answers/s); a power cut can lose the last few counts, never corrupt the file.
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
        return _connection = connection;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
