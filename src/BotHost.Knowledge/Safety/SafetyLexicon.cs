namespace BotHost.Knowledge.Safety;

/// <summary>
/// The words around a rule's phrases that change what they mean: negation ("i'm not going to hurt myself"),
/// everyday idioms ("this exam is killing me") and joke markers ("i'm dead 😂").
/// </summary>
/// <param name="Shorthand">Slang read as other words before matching ("kms" = "kill myself").</param>
/// <param name="Negators">A rule's phrase right after one of these (at most <see cref="NegationReach"/> words before it, same clause) does not count.</param>
/// <param name="NotNegating">Phrases in which a negator does not negate ("won't stop", "won't let me").</param>
/// <param name="Idioms">Phrases whose words are hidden from the rules ("killing me", "dying to").</param>
/// <param name="Jokes">Markers that switch off rules marked <c>soft</c> ("lol", "💀").</param>
public sealed record SafetyLexicon(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Shorthand,
    IReadOnlyList<SafetyPattern> Negators,
    IReadOnlyList<SafetyPattern> NotNegating,
    IReadOnlyList<SafetyPattern> Idioms,
    IReadOnlyList<SafetyPattern> Jokes)
{
    /// <summary>How many words may stand between a negator and the phrase it negates ("not going to kill").</summary>
    public const int NegationReach = 2;

    public static SafetyLexicon Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), [], [], [], []);

    /// <summary>Reads a message and works out which of its words are hidden, negated or joking.</summary>
    public SafetyReading Read(string message)
    {
        var text = SafetyText.Read(message, Shorthand);
        var masked = new bool[text.Words.Count];
        foreach (var idiom in Idioms)
        {
            foreach (var (start, end) in idiom.Matches(text))
            {
                for (var i = start; i < end; i++) masked[i] = true;
            }
        }

        var cancelled = new bool[text.Words.Count];
        foreach (var pattern in NotNegating)
        {
            foreach (var (start, end) in pattern.Matches(text))
            {
                for (var i = start; i < end; i++) cancelled[i] = true;
            }
        }

        var negationEnds = new List<int>();
        foreach (var negator in Negators)
        {
            foreach (var (start, end) in negator.Matches(text))
            {
                if (!cancelled[start]) negationEnds.Add(end);
            }
        }

        var joking = Jokes.Any(j => j.IsMatch(text));
        return new SafetyReading(text, masked, negationEnds, joking);
    }
}

/// <summary>A message read by a <see cref="SafetyLexicon"/>, ready for rules.</summary>
public sealed class SafetyReading
{
    private readonly IReadOnlyList<int> _negationEnds;

    internal SafetyReading(SafetyText text, bool[] masked, IReadOnlyList<int> negationEnds, bool joking)
    {
        Text = text;
        Masked = masked;
        _negationEnds = negationEnds;
        Joking = joking;
    }

    public SafetyText Text { get; }

    public IReadOnlyList<bool> Masked { get; }

    public bool Joking { get; }

    /// <summary>True when a negator ends at most <see cref="SafetyLexicon.NegationReach"/> words before <paramref name="start"/> in the same clause.</summary>
    public bool IsNegated(int start)
    {
        foreach (var end in _negationEnds)
        {
            if (end > start || start - end > SafetyLexicon.NegationReach) continue;
            var crossesClause = false;
            for (var i = end; i <= start && i < Text.Words.Count; i++)
            {
                if (Text.StartsClause[i]) crossesClause = true;
            }

            if (!crossesClause) return true;
        }

        return false;
    }
}
