using BotHost.Core.State;

namespace BotHost.Core.Analytics;

/// <summary>
/// Where the gap analytics are kept: a SQLite file by default (<see cref="SqliteAnalyticsStore"/>), PostgreSQL when
/// <c>Analytics__ConnectionString</c> is set, so every replica writes to one database. Only what
/// <see cref="GapAnalyticsStore.StoredFields"/> lists is kept: counts, and the redacted text of declined questions where
/// a community opted in. Writes may be buffered for a moment; a failure throws and is counted by the caller, never shown
/// to a member. Its <see cref="IStateHealth.Health"/> is the <c>/readyz</c> line: degraded, with the reason, while writes fail.
/// </summary>
public interface IAnalyticsStore : IStateHealth, IDisposable
{
    /// <summary>The engine, as <c>/readyz</c> and <c>kb gaps</c> name it: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Kind { get; }

    /// <summary>Adds one to a daily count.</summary>
    void Increment(DailyCountKey key);

    /// <summary>Keeps the redacted text of a declined question until <see cref="StoredQuestion.Expires"/>.</summary>
    void AddQuestion(StoredQuestion question);

    /// <summary>Deletes stored questions whose retention ended at or before <paramref name="now"/>; returns how many.</summary>
    int DeleteExpired(DateTimeOffset now);

    /// <summary>Counts from <paramref name="since"/> on and the stored questions still kept at <paramref name="now"/>.</summary>
    GapReport Report(DateOnly since, DateTimeOffset now);

    /// <summary>
    /// The daily counts from <paramref name="since"/> on, for one community (<paramref name="platform"/> and
    /// <paramref name="community"/>) or, both null, for all; by day, then platform, community, kind and key.
    /// </summary>
    IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community);

    /// <summary>One community's stored questions still kept at <paramref name="now"/>, newest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<GapQuestionRow> Questions(string platform, string community, DateTimeOffset now, int limit);
}

/// <summary>One daily count: <paramref name="Article"/> is empty for counts not about an article, <paramref name="Kind"/> is answered, declined, urgent, rate_limited, helpful or not_helpful.</summary>
public sealed record DailyCountKey(DateOnly Day, string Platform, string Community, string Article, string Kind);

/// <summary>A declined question's redacted text, kept only where the community opted in.</summary>
public sealed record StoredQuestion(DateTimeOffset At, DateTimeOffset Expires, string Platform, string Community, string RedactedText);
