using BotHost.Core.Analytics;

namespace BotHost.Console.Gaps;

/// <summary>
/// Reads the gap analytics through the store the bot writes to (<see cref="IAnalyticsStore"/>: the SQLite file, or
/// PostgreSQL shared by every replica), so the console shows what every replica counted. It never writes counts.
/// </summary>
public sealed class AnalyticsGapsReader(IAnalyticsStore store) : IGapsReader
{
    /// <summary>At most this many redacted questions are listed.</summary>
    public const int MaxQuestions = 100;

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community) => store.Counts(since, platform, community);

    public IReadOnlyList<RedactedQuestion> RedactedQuestions(string platform, string community, DateTimeOffset now) =>
        [.. store.Questions(platform, community, now, MaxQuestions).Select(q => new RedactedQuestion(q.At, q.RedactedText))];
}
