using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Knowledge.Articles;
using Microsoft.Extensions.Logging;

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

    private readonly IAnalyticsStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<GapAnalyticsStore> _logger;
    private readonly IKnowledgeProvider? _knowledge;
    private ITimer? _cleanup;
    private int _disposed;

    /// <summary>
    /// Records into <paramref name="store"/>, which it owns from now on (disposed with it). With
    /// <paramref name="knowledge"/>, a feedback click counts only for an article of the loaded knowledge: the button's
    /// article id comes back from the platform, so a forged click must not add rows under ids no reply ever carried.
    /// </summary>
    public GapAnalyticsStore(IAnalyticsStore store, TimeProvider time, ILogger<GapAnalyticsStore> logger, IKnowledgeProvider? knowledge = null)
    {
        _knowledge = knowledge;
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where the counts go (<c>sqlite</c> or <c>postgresql</c>).</summary>
    public IAnalyticsStore Store => _store;

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
        if (_knowledge is not null && !IsLoadedArticle(_knowledge.Current.Articles, articleId))
        {
            LogUnknownArticle(platform);
            return Task.CompletedTask;
        }

        Count(platform, communityId, articleId, helpful ? "helpful" : "not_helpful");
        return Task.CompletedTask;
    }

    /// <summary>Deletes stored questions past their retention. Runs at start and every hour once <see cref="StartCleanup"/> is called.</summary>
    public int DeleteExpired()
    {
        var deleted = _store.DeleteExpired(_time.GetUtcNow());
        if (deleted > 0) LogDeleted(deleted);
        return deleted;
    }

    public void StartCleanup() => _cleanup ??= _time.CreateTimer(_ => SafeCleanup(), null, TimeSpan.Zero, CleanupInterval);

    /// <summary>Stops the hourly cleanup (the host calls this on shutdown); <see cref="StartCleanup"/> starts it again.</summary>
    public void StopCleanup() => Interlocked.Exchange(ref _cleanup, null)?.Dispose();

    /// <summary>The report for maintainers (<c>bothost kb gaps</c>), over the last <paramref name="days"/> days.</summary>
    public GapReport Report(int days)
    {
        var now = _time.GetUtcNow();
        return _store.Report(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-days + 1), now);
    }

    public void Dispose()
    {
        StopCleanup();
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _store.Dispose();
    }

    private void Count(string platform, string community, string article, string kind) =>
        _store.Increment(new DailyCountKey(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), platform, community, article, kind));

    private void StoreQuestion(IncomingMessage message, TimeSpan retention)
    {
        var now = _time.GetUtcNow();
        _store.AddQuestion(new StoredQuestion(now, now + retention, message.Platform, message.CommunityId, Redactor.Redact(message.Text)));
    }

    /// <summary>The hourly cleanup is a boundary: whatever the engine throws is logged, and the next hour tries again.</summary>
    private void SafeCleanup()
    {
        try
        {
            DeleteExpired();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCleanupFailed(ex);
        }
    }

    private static bool IsLoadedArticle(IReadOnlyList<Article> articles, string articleId)
    {
        foreach (var article in articles)
        {
            if (string.Equals(article.Id, articleId, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Platform} feedback click named an article the loaded knowledge does not have; not counted")]
    private partial void LogUnknownArticle(string platform);

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
