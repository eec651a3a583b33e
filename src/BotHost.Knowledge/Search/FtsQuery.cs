namespace BotHost.Knowledge.Search;

/// <summary>
/// An FTS5 MATCH expression built only from quoted phrases, so nothing a member types can be read as FTS5 syntax
/// (NEAR, *, column filters, parentheses). Each phrase is a sequence of tokenizer words.
/// </summary>
public sealed class FtsQuery
{
    private FtsQuery(IReadOnlyList<FtsPhrase> phrases)
    {
        Phrases = phrases;
        Expression = string.Join(" OR ", phrases.Select(p => p.Text));
    }

    public string Expression { get; }

    /// <summary>Each quoted phrase of <see cref="Expression"/>, in order, so an index can match a subset of them.</summary>
    public IReadOnlyList<FtsPhrase> Phrases { get; }

    public int PhraseCount => Phrases.Count;

    public bool IsEmpty => PhraseCount == 0;

    /// <summary>Alternatives joined with OR: <c>"sextortion" OR "intimate images"</c>.</summary>
    public static FtsQuery AnyOf(IEnumerable<IReadOnlyList<string>> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var quoted = new List<FtsPhrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var parts = phrase.Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
            if (parts.Count == 0) continue;
            var text = Quote(string.Join(' ', parts));
            if (seen.Add(text)) quoted.Add(new FtsPhrase(text, parts.Count == 1 ? [text] : [.. parts.Select(Quote)]));
        }

        return new FtsQuery(quoted);
    }

    /// <summary>Quotes a phrase; a double quote inside is doubled, as FTS5 strings require.</summary>
    private static string Quote(string words) => "\"" + words.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => Expression;
}
