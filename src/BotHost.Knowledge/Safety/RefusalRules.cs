namespace BotHost.Knowledge.Safety;

/// <summary>
/// knowledge/refusal.yaml: requests for abuse material or for ways to approach, groom or exploit a child. They get
/// one calm line and the prevention resources of <see cref="ArticleId"/>, never an answer.
/// </summary>
public sealed record RefusalRules(SafetyLexicon Lexicon, IReadOnlyList<SafetyRule> Rules, string Message, string ArticleId, DateOnly ReviewedOn)
{
    public bool Matches(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.Any(r => r.IsMatch(reading));
    }
}
