using System.Globalization;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Safety;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Analytics;

/// <summary>
/// Gap analytics without member text: per day and community, how many questions each article answered, how many
/// were declined, and the helpful / not helpful clicks per article. Only when a community opts in
/// (<see cref="CommunitySettings.StoreRedactedQuestions"/>) is the redacted text of declined questions kept, and it
/// is deleted after the community's retention period by an hourly cleanup. No user ids, ever.
/// </summary>
public sealed partial class GapAnalyticsStore : IReplyObserver, IFeedbackRecorder, IDisposable
{
    /// <summary>
    /// Everything this store keeps, in the words of the about-this-bot article's "What the bot stores" list (a test
    /// keeps the two in agreement: change both together).
    /// </summary>
    public static readonly IReadOnlyList<string> StoredFields =
    [
        "daily counts, per community, of questions answered with each article",
        "daily counts, per community, of questions it could not answer",
        "daily counts, per community, of \"helpful\" and \"not helpful\" clicks for each article",
        "daily counts, per community, of urgent-help replies for each kind of danger, and of members asked to slow down",
        "only if a community's moderators turn it on: the text of questions it could not answer, with email addresses, phone numbers, links, mentions and long numbers removed, deleted after the community's retention period (30 days unless they choose otherwise), so maintainers can add missing articles",
    ];

    public static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    private readonly IOptions<AnalyticsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GapAnalyticsStore> _logger;
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;
    private ITimer? _cleanup;

    static GapAnalyticsStore() => SQLitePCL.Batteries_V2.Init();

    public GapAnalyticsStore(IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<GapAnalyticsStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Read on first use, not in the constructor: the host validates the options on start, after building its services.</summary>
    private string DatabasePath => _options.Value.DatabasePath;

    public void OnReplied(IncomingMessage message, CommunitySettings community, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(reply);
        if (message.Source == MessageSource.Console) return;
        switch (reply.Kind)
        {
            case ReplyKind.Answer when reply.Feedback is { } target:
                Count(message.Platform, message.CommunityId, target.ArticleId, "answered");
                break;
            case ReplyKind.Declined:
                Count(message.Platform, message.CommunityId, string.Empty, "declined");
                if (community.StoreRedactedQuestions) StoreQuestion(message, community.QuestionRetention);
                break;
            case ReplyKind.Urgent:
                Count(message.Platform, message.CommunityId, reply.UrgentCategory ?? string.Empty, "urgent");
                break;
            case ReplyKind.RateLimited:
                Count(message.Platform, message.CommunityId, string.Empty, "rate_limited");
                break;
        }
    }

    public Task RecordAsync(string platform, string communityId, string articleId, bool helpful, CancellationToken cancellationToken)
    {
        Count(platform, communityId, articleId, helpful ? "helpful" : "not_helpful");
        return Task.CompletedTask;
    }

    /// <summary>Deletes stored questions past their retention. Runs at start and every hour once <see cref="StartCleanup"/> is called.</summary>
    public int DeleteExpired()
    {
        lock (_gate)
        {
            if (_connection is null && !File.Exists(DatabasePath)) return 0;
            using var command = Connection().CreateCommand();
            command.CommandText = "DELETE FROM declined_questions WHERE expires <= $now";
            command.Parameters.AddWithValue("$now", Stamp(_time.GetUtcNow()));
            var deleted = command.ExecuteNonQuery();
            if (deleted > 0) LogDeleted(deleted);
            return deleted;
        }
    }

    public void StartCleanup() => _cleanup ??= _time.CreateTimer(_ => SafeCleanup(), null, TimeSpan.Zero, CleanupInterval);

    /// <summary>Stops the hourly cleanup (the host calls this on shutdown); <see cref="StartCleanup"/> starts it again.</summary>
    public void StopCleanup() => Interlocked.Exchange(ref _cleanup, null)?.Dispose();

    /// <summary>The report for maintainers (<c>bothost kb gaps</c>), over the last <paramref name="days"/> days.</summary>
    public GapReport Report(int days)
    {
        lock (_gate)
        {
            var since = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(-days + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
                command.Parameters.AddWithValue("$since", since);
                using var reader = command.ExecuteReader();
                while (reader.Read()) articles.Add(new GapArticleRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }

            using (var command = Connection().CreateCommand())
            {
                command.CommandText = "SELECT day, SUM(count) FROM daily_counts WHERE day >= $since AND kind = 'declined' GROUP BY day ORDER BY day";
                command.Parameters.AddWithValue("$since", since);
                using var reader = command.ExecuteReader();
                while (reader.Read()) declined.Add(new GapDayRow(reader.GetString(0), reader.GetInt64(1)));
            }

            using (var command = Connection().CreateCommand())
            {
                command.CommandText = "SELECT at, platform, community, text FROM declined_questions WHERE expires > $now ORDER BY at DESC LIMIT 100";
                command.Parameters.AddWithValue("$now", Stamp(_time.GetUtcNow()));
                using var reader = command.ExecuteReader();
                while (reader.Read()) questions.Add(new GapQuestionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return new GapReport(articles, declined, questions);
        }
    }

    public void Dispose()
    {
        StopCleanup();
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private void Count(string platform, string community, string article, string kind)
    {
        lock (_gate)
        {
            using var command = Connection().CreateCommand();
            command.CommandText = """
                INSERT INTO daily_counts (day, platform, community, article, kind, count) VALUES ($day, $platform, $community, $article, $kind, 1)
                ON CONFLICT (day, platform, community, article, kind) DO UPDATE SET count = count + 1
                """;
            command.Parameters.AddWithValue("$day", DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$platform", platform);
            command.Parameters.AddWithValue("$community", community);
            command.Parameters.AddWithValue("$article", article);
            command.Parameters.AddWithValue("$kind", kind);
            command.ExecuteNonQuery();
        }
    }

    private void StoreQuestion(IncomingMessage message, TimeSpan retention)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            using var command = Connection().CreateCommand();
            command.CommandText = "INSERT INTO declined_questions (at, expires, platform, community, text) VALUES ($at, $expires, $platform, $community, $text)";
            command.Parameters.AddWithValue("$at", Stamp(now));
            command.Parameters.AddWithValue("$expires", Stamp(now + retention));
            command.Parameters.AddWithValue("$platform", message.Platform);
            command.Parameters.AddWithValue("$community", message.CommunityId);
            command.Parameters.AddWithValue("$text", Redactor.Redact(message.Text));
            command.ExecuteNonQuery();
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

    private void SafeCleanup()
    {
        try
        {
            DeleteExpired();
        }
        catch (SqliteException ex)
        {
            LogCleanupFailed(ex);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} stored question(s) past their retention period")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gap analytics cleanup failed; it will run again in an hour")]
    private partial void LogCleanupFailed(Exception exception);
}

/// <summary>What <c>kb gaps</c> prints.</summary>
public sealed record GapReport(IReadOnlyList<GapArticleRow> Articles, IReadOnlyList<GapDayRow> DeclinedByDay, IReadOnlyList<GapQuestionRow> RecentQuestions);

public sealed record GapArticleRow(string Article, long Answered, long Helpful, long NotHelpful);

public sealed record GapDayRow(string Day, long Declined);

public sealed record GapQuestionRow(string At, string Platform, string Community, string RedactedText);
