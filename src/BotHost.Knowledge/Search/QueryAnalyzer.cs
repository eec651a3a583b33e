namespace BotHost.Knowledge.Search;

/// <summary>
/// Turns what a member typed into concepts and a safe FTS5 query. Member text never reaches MATCH unescaped:
/// it is tokenized here and every phrase is quoted by <see cref="FtsQuery"/>.
/// </summary>
public sealed class QueryAnalyzer
{
    /// <summary>Only the start of a very long message is searched: questions are short, and it bounds the work.</summary>
    public const int MaxInputChars = 2000;

    public const int MaxConcepts = 24;

    private readonly IReadOnlyDictionary<string, int> _vocabulary;

    public QueryAnalyzer(IReadOnlyDictionary<string, int> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
    }

    public AnalyzedQuery Analyze(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.Length > MaxInputChars ? question[..MaxInputChars] : question;
        var words = TextTokenizer.Tokenize(text, maxTokens: MaxConcepts * 4)
            .Select(t => t.Text)
            .Where(w => !StopWords.English.Contains(w))
            .ToList();

        var concepts = new List<QueryConcept>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (concepts.Count == MaxConcepts) break;
            var phrase = QueryPhrase.FromWords([word]);
            if (!seen.Add(phrase.Stems[0])) continue;
            concepts.Add(new QueryConcept(word, [phrase], _vocabulary.ContainsKey(phrase.Stems[0])));
        }

        var fts = FtsQuery.AnyOf(concepts.Where(c => c.Known).SelectMany(c => c.Alternatives).Select(p => p.Words));
        return new AnalyzedQuery(concepts, [], fts);
    }
}
