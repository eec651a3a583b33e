namespace BotHost.Knowledge.Search;

/// <summary>
/// What the Lucene index is asked: any of several phrases, each a sequence of words with their stems. The index builds
/// its term and phrase queries from the stems directly (no query parser), so nothing a member types is read as query
/// syntax.
/// </summary>
public sealed class LexicalQuery
{
    private LexicalQuery(IReadOnlyList<QueryPhrase> phrases) => Phrases = phrases;

    /// <summary>The phrases, in order, without duplicates.</summary>
    public IReadOnlyList<QueryPhrase> Phrases { get; }

    public int PhraseCount => Phrases.Count;

    public bool IsEmpty => PhraseCount == 0;

    /// <summary>Alternatives: a passage matches when it contains any of the phrases (blank words and repeated phrases are left out).</summary>
    public static LexicalQuery AnyOf(IEnumerable<IReadOnlyList<string>> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var kept = new List<QueryPhrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var words = phrase.Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
            if (words.Count > 0 && seen.Add(string.Join(' ', words))) kept.Add(QueryPhrase.FromWords(words));
        }

        return new LexicalQuery(kept);
    }

    /// <summary>For diagnostics and tests: <c>sextortion | intimate images</c>.</summary>
    public override string ToString() => string.Join(" | ", Phrases);
}
