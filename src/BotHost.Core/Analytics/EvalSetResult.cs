namespace BotHost.Core.Analytics;

/// <summary>One eval file measured on one knowledge version.</summary>
/// <param name="Name">The file name ("questions.tsv").</param>
/// <param name="Outcomes">What the bot did with each line, keyed by line number ("answered sextortion", "declined", "urgent self-harm").</param>
/// <param name="Misses">Lines it got wrong, as <c>line: question → expected, got</c>; empty for blind sets, which are measured only.</param>
/// <param name="Problems">Lines the file could not be read from, as <c>file:line: error: ...</c>.</param>
public sealed record EvalSetResult(
    string Name,
    EvalSetKind Kind,
    int Cases,
    IReadOnlyList<EvalFigure> Figures,
    IReadOnlyList<EvalLineOutcome> Outcomes,
    IReadOnlyList<string> Misses,
    int MissCount,
    IReadOnlyList<string> Problems)
{
    /// <summary>Blind sets (<c>blind-*.tsv</c>) measure only: their misses are never shown, so nobody tunes on them.</summary>
    public bool IsBlind => Name.StartsWith("blind-", StringComparison.Ordinal);
}

/// <summary>What the bot did with one eval line.</summary>
public sealed record EvalLineOutcome(int Line, string Question, string Outcome);
