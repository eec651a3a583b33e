namespace BotHost.Knowledge.Safety;

/// <summary>
/// knowledge/refusal.yaml: requests for abuse material or for ways to approach, groom or exploit a child. They get
/// one calm line and the prevention resources of <see cref="ArticleId"/>, never an answer.
/// </summary>
public sealed record RefusalRules(SafetyLexicon Lexicon, IReadOnlyList<SafetyRule> Rules, string Message, string ArticleId, DateOnly ReviewedOn)
{
    /// <summary>The example detector's refuse score from which a request is refused.</summary>
    public double ExampleThreshold { get; init; } = SemanticSafety.DefaultThreshold;

    /// <summary>The first rule that matches the message, or null.</summary>
    public SafetyRule? Match(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.FirstOrDefault(r => r.IsMatch(reading));
    }

    public bool Matches(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.Any(r => r.IsMatch(reading));
    }
}
