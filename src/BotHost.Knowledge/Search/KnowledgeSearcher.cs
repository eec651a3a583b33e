namespace BotHost.Knowledge.Search;

/// <summary>
/// Ranks articles for an analysed question: FTS5 finds and scores passages (weighted bm25), then each candidate
/// article is judged on how much of the question it covers, and its best section is the one that says the most of
/// what was asked.
/// </summary>
internal sealed class KnowledgeSearcher
{
    /// <summary>Passages read from FTS5 per question; enough to see every plausible article.</summary>
    private const int PassageLimit = 200;

    /// <summary>Articles considered for re-ranking and confidence.</summary>
    private const int Candidates = 20;

    private readonly ISearchIndex _index;
    private readonly ArticleTermIndex _terms;
    private readonly IReadOnlyList<PassageRef> _passages;
    private readonly RankingParameters _parameters;

    public KnowledgeSearcher(ISearchIndex index, ArticleTermIndex terms, IReadOnlyList<PassageRef> passages, RankingParameters parameters)
    {
        _index = index;
        _terms = terms;
        _passages = passages;
        _parameters = parameters;
    }

    /// <param name="include">Articles that may be returned (for example, those that apply to the asker's region).</param>
    public IReadOnlyList<RankedArticle> Rank(AnalyzedQuery query, int maxArticles, Func<int, bool> include)
    {
        if (query.IsEmpty) return [];
        var hits = _index.Search(query.Fts, PassageLimit);
        var candidates = new Dictionary<int, Dictionary<int, double>>();
        var order = new List<int>();
        foreach (var hit in hits)
        {
            var passage = _passages[hit.Passage];
            if (!include(passage.Article)) continue;
            if (!candidates.TryGetValue(passage.Article, out var sections))
            {
                if (order.Count == Candidates) continue;
                candidates[passage.Article] = sections = [];
                order.Add(passage.Article);
            }

            sections.TryAdd(passage.Section, hit.Score);
        }

        var weights = query.Concepts.Select(ConceptWeight).ToArray();
        var total = weights.Sum();
        var ranked = order.Select(article =>
        {
            var sections = candidates[article];
            var score = sections.Values.Max();
            var coverage = total <= 0 ? 0 : Covered(article, query.Concepts, weights, section: null) / total;
            var section = BestSection(article, sections, query.Concepts, weights);
            return new RankedArticle(article, section, score, coverage, _parameters.Confidence.Confidence(score, coverage));
        });

        if (_parameters.CoverageExponent > 0)
        {
            ranked = ranked.OrderByDescending(r => r.Score * Math.Pow(r.Coverage, _parameters.CoverageExponent));
        }

        return [.. ranked.Take(maxArticles)];
    }

    /// <summary>
    /// The section that covers the most of the question in its own heading and text; bm25 decides ties (the
    /// article-level columns are the same in every section's row, so they cannot tell sections apart).
    /// </summary>
    private int BestSection(int article, Dictionary<int, double> scored, IReadOnlyList<QueryConcept> concepts, double[] weights) =>
        scored.Keys
            .OrderByDescending(s => Covered(article, concepts, weights, s))
            .ThenByDescending(s => scored[s])
            .ThenBy(s => s)
            .First();

    /// <summary>Idf of the concept as typed, or of its commonest known synonym; unknown words weigh as the rarest.</summary>
    private double ConceptWeight(QueryConcept concept)
    {
        var n = _index.PassageCount;
        double Idf(int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
        double PhraseIdf(QueryPhrase p) => Idf(p.Stems.Select(s => _index.Vocabulary.GetValueOrDefault(s)).Min());

        var known = concept.Alternatives.Where(p => p.Stems.All(_index.Vocabulary.ContainsKey)).ToList();
        if (known.Count == 0) return Idf(0) * _parameters.UnknownWordWeight;
        return known.Contains(concept.Alternatives[0]) ? PhraseIdf(concept.Alternatives[0]) : known.Min(PhraseIdf);
    }

    private double Covered(int article, IReadOnlyList<QueryConcept> concepts, double[] weights, int? section)
    {
        var covered = 0.0;
        for (var i = 0; i < concepts.Count; i++)
        {
            var found = concepts[i].Alternatives.Any(p => section is { } s
                ? _terms.SectionContainsAll(article, s, p.Stems)
                : _terms.ContainsAll(article, p.Stems));
            if (found) covered += weights[i];
        }

        return covered;
    }
}
