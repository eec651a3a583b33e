namespace BotHost.Knowledge.Search;

/// <summary>Ranks articles for an analysed question: FTS5 finds and scores passages, then articles are judged on coverage.</summary>
internal sealed class KnowledgeSearcher
{
    /// <summary>Passages read from FTS5 per question; enough to see every plausible article.</summary>
    private const int PassageLimit = 200;

    private readonly ISearchIndex _index;
    private readonly ArticleTermIndex _terms;
    private readonly IReadOnlyList<PassageRef> _passages;
    private readonly ConfidenceModel _confidence;

    public KnowledgeSearcher(ISearchIndex index, ArticleTermIndex terms, IReadOnlyList<PassageRef> passages, ConfidenceModel confidence)
    {
        _index = index;
        _terms = terms;
        _passages = passages;
        _confidence = confidence;
    }

    /// <param name="include">Articles that may be returned (for example, those that apply to the asker's region).</param>
    public IReadOnlyList<RankedArticle> Rank(AnalyzedQuery query, int maxArticles, Func<int, bool> include)
    {
        if (query.IsEmpty) return [];
        var hits = _index.Search(query.Fts, PassageLimit);
        var best = new List<(int Article, int Section, double Score)>();
        var seen = new HashSet<int>();
        foreach (var hit in hits)
        {
            var passage = _passages[hit.Passage];
            if (!include(passage.Article) || !seen.Add(passage.Article)) continue;
            best.Add((passage.Article, passage.Section, hit.Score));
            if (best.Count == maxArticles) break;
        }

        var weights = query.Concepts.Select(ConceptWeight).ToArray();
        var total = weights.Sum();
        return
        [
            .. best.Select(b =>
            {
                var coverage = total <= 0 ? 0 : Covered(b.Article, query.Concepts, weights) / total;
                return new RankedArticle(b.Article, b.Section, b.Score, coverage, _confidence.Confidence(b.Score, coverage));
            }),
        ];
    }

    /// <summary>Lucene-style idf of the concept's rarest main word; words the knowledge base never uses count as rarest of all.</summary>
    private double ConceptWeight(QueryConcept concept)
    {
        var n = _index.PassageCount;
        var stems = concept.Alternatives[0].Stems;
        var df = stems.Select(s => _index.Vocabulary.GetValueOrDefault(s)).DefaultIfEmpty(0).Min();
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    private double Covered(int article, IReadOnlyList<QueryConcept> concepts, double[] weights)
    {
        var covered = 0.0;
        for (var i = 0; i < concepts.Count; i++)
        {
            if (concepts[i].Alternatives.Any(p => _terms.ContainsAll(article, p.Stems))) covered += weights[i];
        }

        return covered;
    }
}
