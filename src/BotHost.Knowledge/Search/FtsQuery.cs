using System.Text;

namespace BotHost.Knowledge.Search;

/// <summary>
/// An FTS5 MATCH expression built only from quoted phrases, so nothing a member types can be read as FTS5 syntax
/// (NEAR, *, column filters, parentheses). Each phrase is a sequence of tokenizer words.
/// </summary>
public sealed class FtsQuery
{
    private FtsQuery(string expression, int phraseCount)
    {
        Expression = expression;
        PhraseCount = phraseCount;
    }

    public string Expression { get; }

    public int PhraseCount { get; }

    public bool IsEmpty => PhraseCount == 0;

    /// <summary>Alternatives joined with OR: <c>"sextortion" OR "intimate images"</c>.</summary>
    public static FtsQuery AnyOf(IEnumerable<IReadOnlyList<string>> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var builder = new StringBuilder();
        var count = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var quoted = Quote(phrase);
            if (quoted is null || !seen.Add(quoted)) continue;
            if (count > 0) builder.Append(" OR ");
            builder.Append(quoted);
            count++;
        }

        return new FtsQuery(builder.ToString(), count);
    }

    /// <summary>Quotes a phrase; a double quote inside is doubled, as FTS5 strings require.</summary>
    private static string? Quote(IReadOnlyList<string> words)
    {
        var parts = words.Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
        if (parts.Count == 0) return null;
        return "\"" + string.Join(' ', parts).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public override string ToString() => Expression;
}
