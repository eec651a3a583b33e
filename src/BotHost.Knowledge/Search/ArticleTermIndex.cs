namespace BotHost.Knowledge.Search;

/// <summary>
/// Which stemmed terms each article contains (in any field), kept in memory as sorted term ids. FTS5 ranks
/// passages; this answers "does the top article cover what was asked?" in microseconds, for confidence.
/// </summary>
internal sealed class ArticleTermIndex
{
    private readonly Dictionary<string, int> _termIds;
    private readonly int[][] _articleTerms;

    private ArticleTermIndex(Dictionary<string, int> termIds, int[][] articleTerms)
    {
        _termIds = termIds;
        _articleTerms = articleTerms;
    }

    public IReadOnlyCollection<string> Terms => _termIds.Keys;

    /// <param name="articleTexts">For each article, all of its text (title, questions, tags, summary, sections).</param>
    public static ArticleTermIndex Build(IReadOnlyList<IEnumerable<string>> articleTexts)
    {
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var stemCache = new Dictionary<string, string>(StringComparer.Ordinal);
        var articleTerms = new int[articleTexts.Count][];
        var ids = new HashSet<int>();
        for (var a = 0; a < articleTexts.Count; a++)
        {
            ids.Clear();
            foreach (var text in articleTexts[a])
            {
                foreach (var token in TextTokenizer.Tokenize(text))
                {
                    if (!stemCache.TryGetValue(token.Text, out var stem)) stemCache[token.Text] = stem = PorterStemmer.Stem(token.Text);
                    if (!termIds.TryGetValue(stem, out var id)) termIds[stem] = id = termIds.Count;
                    ids.Add(id);
                }
            }

            var sorted = ids.ToArray();
            Array.Sort(sorted);
            articleTerms[a] = sorted;
        }

        return new ArticleTermIndex(termIds, articleTerms);
    }

    public bool Contains(int article, string stem) =>
        _termIds.TryGetValue(stem, out var id) && Array.BinarySearch(_articleTerms[article], id) >= 0;

    /// <summary>True when the article contains every stem of the phrase (order is not checked).</summary>
    public bool ContainsAll(int article, IReadOnlyList<string> stems)
    {
        foreach (var stem in stems)
        {
            if (!Contains(article, stem)) return false;
        }

        return stems.Count > 0;
    }
}
