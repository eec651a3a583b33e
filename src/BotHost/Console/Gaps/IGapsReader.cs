using BotHost.Core.Analytics;

namespace BotHost.Console.Gaps;

/// <summary>Reads the gap analytics for the console: daily counts and, for a community's own moderators, its redacted declined questions.</summary>
public interface IGapsReader
{
    /// <summary>Counts from <paramref name="since"/> on, for one community or (both null) for all.</summary>
    IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community);

    /// <summary>The redacted text of a community's recent declined questions (only where it opted in), newest first.</summary>
    IReadOnlyList<RedactedQuestion> RedactedQuestions(string platform, string community, DateTimeOffset now);
}

/// <summary>A declined question with emails, numbers, links and mentions removed, kept only where the community opted in.</summary>
public sealed record RedactedQuestion(string At, string Text);
