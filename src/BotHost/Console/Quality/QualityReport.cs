using BotHost.Core.Analytics;

namespace BotHost.Console.Quality;

/// <summary>What the quality page shows for the served version.</summary>
/// <param name="History">Recorded versions, oldest first (the served one last).</param>
/// <param name="Changes">Eval lines whose outcome differs from the previous version (blind sets left out: they are counted only).</param>
/// <param name="BlindChanges">How many blind-set lines changed, by set.</param>
/// <param name="HistoryProblem">Why the history could not be read or written (then it holds the served version only); null when it could.</param>
public sealed record QualityReport(
    string Version,
    DateTimeOffset MeasuredAt,
    TimeSpan Took,
    IReadOnlyList<EvalSetResult> Sets,
    IReadOnlyList<VersionFigures> History,
    string? PreviousVersion,
    IReadOnlyList<AnswerChange> Changes,
    IReadOnlyDictionary<string, int> BlindChanges,
    string? HistoryProblem = null);

/// <summary>One eval line answered differently by the served version than by the previous one.</summary>
public sealed record AnswerChange(string Set, int Line, string Question, string Before, string After);
