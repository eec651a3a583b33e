namespace BotHost.Knowledge.Search;

/// <summary>
/// Ranks articles for an analysed question. The Lucene index scores two things with bm25: the sections (with the article's
/// title, tags and summary as weighted columns) and, one row each, the questions maintainers wrote for every article.
/// An article's score is its best section plus its best single question; then each candidate is judged on how much
/// of the question it covers, and its best section is the one that says the most of what was asked.
/// </summary>
internal sealed class KnowledgeSearcher
{
    /// <summary>The article index of off-topic.yaml's questions in the questions table.</summary>
    public const int OffTopic = -1;

    /// <summary>Passages read from the index per question; enough to see every plausible article.</summary>
    private const int PassageLimit = 200;

    /// <summary>Articles considered for re-ranking and confidence.</summary>
    private const int Candidates = 20;

    /// <summary>Articles the semantic ranking contributes to the fusion.</summary>
    private const int SemanticCandidates = 20;

    private readonly ISearchIndex _index;
    private readonly ArticleTermIndex _terms;
    private readonly IReadOnlyList<PassageRef> _passages;
    private readonly IReadOnlyList<int> _questionArticles;
    private readonly RankingParameters _parameters;

    /// <param name="questionArticles">For each indexed question, the index of its article.</param>
    public KnowledgeSearcher(ISearchIndex index, ArticleTermIndex terms, IReadOnlyList<PassageRef> passages, IReadOnlyList<int> questionArticles,
        RankingParameters parameters)
    {
        _index = index;
        _terms = terms;
        _passages = passages;
        _questionArticles = questionArticles;
        _parameters = parameters;
    }

    /// <param name="include">Articles that may be returned (for example, those that apply to the asker's region).</param>
    /// <param name="semantic">The question's cosines with the articles' embedded texts; null ranks by words alone.</param>
    /// <param name="onTopic">The <see cref="OnTopicModel"/>'s log-odds for the question (0 without it).</param>
    public IReadOnlyList<RankedArticle> Rank(AnalyzedQuery query, int maxArticles, Func<int, bool> include, SemanticScores? semantic = null, double onTopic = 0)
    {
        if (query.IsEmpty && semantic is null) return [];
        var matches = new Dictionary<int, ArticleMatch>();
        var offTopic = 0.0;
        foreach (var hit in _index.Search(query.Lexical, PassageLimit))
        {
            var passage = _passages[hit.Passage];
            if (!include(passage.Article)) continue;
            var match = Match(matches, passage.Article);
            match.Sections.TryAdd(passage.Section, hit.Score);
            match.SectionScore = Math.Max(match.SectionScore, hit.Score);
        }

        foreach (var hit in _index.SearchQuestions(query.Lexical, PassageLimit))
        {
            var article = _questionArticles[hit.Passage];
            if (article == OffTopic)
            {
                offTopic = Math.Max(offTopic, hit.Score);
                continue;
            }

            if (!include(article)) continue;
            var match = Match(matches, article);
            match.QuestionScore = Math.Max(match.QuestionScore, hit.Score);
        }

        var concepts = Resolve(query.Concepts);
        var total = concepts.Sum(c => c.Weight);
        var words = _terms.QuestionTermIds(query.Words);
        var lexical = matches
            .Select(m => (Article: m.Key, Match: m.Value, Score: m.Value.SectionScore + (_parameters.QuestionWeight * m.Value.QuestionScore)))
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Article)
            .Take(Candidates)
            .ToList();
        var semanticRanks = new Dictionary<int, int>();
        var candidates = semantic is null ? lexical : Fuse(lexical, matches, semantic, include, semanticRanks);
        var confidence = semantic is { HasEveryday: true } ? _parameters.HybridConfidence : _parameters.Confidence;
        var lexicalRanks = new Dictionary<int, int>();
        for (var r = 0; r < lexical.Count; r++) lexicalRanks[lexical[r].Article] = r;
        var ranked = candidates
            .Select((m, position) =>
            {
                var coverage = total <= 0 ? 0 : Covered(concepts, ids => _terms.ContainsTerms(m.Article, ids)) / total;
                var topic = total <= 0 ? 0 : Covered(concepts, ids => _terms.TopicContainsTerms(m.Article, ids)) / total;
                var anchor = Anchor(m.Article, concepts);
                var cosines = semantic?.Of(m.Article);
                var section = BestSection(m.Article, m.Match.Sections, concepts, total, cosines?.Sections, cosines?.Headings);
                var cosine = cosines is null ? 0 : Math.Max(0, cosines.Best);
                var everyday = semantic?.Everyday ?? 0;
                var neighbours = semantic?.EverydayNeighbours ?? 0;
                var value = confidence.Confidence(m.Score, coverage, anchor, topic, ConfidenceModel.OffTopicLead(m.Match.QuestionScore, offTopic), cosine, cosine - everyday,
                    cosine - neighbours, onTopic);
                return new RankedArticle(m.Article, section, m.Score, coverage, value, anchor)
                {
                    TopicCoverage = topic,
                    QuestionScore = m.Match.QuestionScore,
                    OffTopicScore = offTopic,
                    Cosine = cosine,
                    EverydayCosine = everyday,
                    EverydayNeighbours = neighbours,
                    OnTopic = onTopic,
                    QuestionCosine = cosines?.Question ?? 0,
                    DocumentCosine = cosines?.Document ?? 0,
                    CentroidCosine = cosines?.Centroid ?? 0,
                    TopMean = cosines?.TopMean ?? 0,
                    FusedRank = position,
                    LexicalRank = lexicalRanks.GetValueOrDefault(m.Article, Candidates),
                    SemanticRank = semanticRanks.GetValueOrDefault(m.Article, SemanticCandidates),
                    ClassLogProbability = cosines?.ClassLogProbability ?? 0,
                    QuestionWords = _terms.QuestionWordLogLikelihood(m.Article, words),
                };
            });

        if (_parameters.CoverageExponent > 0)
        {
            ranked = ranked.OrderByDescending(r => r.Score * Math.Pow(r.Coverage, _parameters.CoverageExponent));
        }

        // the reranker's features are the sentence encoder's: without it the fused order stands
        if (semantic is not null && _parameters.Reranker is { } reranker) return [.. reranker.Rerank([.. ranked]).Take(maxArticles)];
        return [.. ranked.Take(maxArticles)];
    }

    /// <summary>
    /// Reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009) of the lexical ranking and the semantic one
    /// (articles by their best cosine): each article scores the sum of 1 / (k + rank) over the two lists, so an article
    /// both rankings place high wins over one that only one of them likes, without comparing bm25 with cosines.
    /// </summary>
    private List<(int Article, ArticleMatch Match, double Score)> Fuse(List<(int Article, ArticleMatch Match, double Score)> lexical,
        Dictionary<int, ArticleMatch> matches, SemanticScores semantic, Func<int, bool> include, Dictionary<int, int> semanticRanks)
    {
        var k = _parameters.FusionK;
        var fused = new Dictionary<int, double>();
        for (var r = 0; r < lexical.Count; r++) fused[lexical[r].Article] = 1.0 / (k + r + 1);
        var byCosine = semantic.Nearest(include, SemanticCandidates);
        for (var r = 0; r < byCosine.Count; r++)
        {
            semanticRanks[byCosine[r]] = r;
            fused[byCosine[r]] = fused.GetValueOrDefault(byCosine[r]) + (_parameters.SemanticWeight / (k + r + 1));
        }

        var scores = lexical.ToDictionary(m => m.Article, m => m.Score);
        return [.. fused
            .OrderByDescending(f => f.Value)
            .ThenBy(f => f.Key)
            .Take(Candidates)
            .Select(f => (f.Key, Match(matches, f.Key), scores.GetValueOrDefault(f.Key, Lexical(matches, f.Key))))];
    }

    private double Lexical(Dictionary<int, ArticleMatch> matches, int article) =>
        matches.TryGetValue(article, out var m) ? m.SectionScore + (_parameters.QuestionWeight * m.QuestionScore) : 0;

    private static ArticleMatch Match(Dictionary<int, ArticleMatch> matches, int article)
    {
        if (!matches.TryGetValue(article, out var match)) matches[article] = match = new ArticleMatch();
        return match;
    }

    /// <summary>
    /// The section to quote, from both matches (issue #14 item 4): the share of the question's words the section
    /// contains (a word in its heading counting more), plus the section's semantic closeness to the question, with
    /// heading and text and with its heading alone, measured below the article's closest section so it only moves
    /// between sections. Words of the article's title name the article, not one of its sections ("report sextortion":
    /// "report" says which section of the sextortion article), so they count only when the question has no other
    /// words. Without the sentence encoder, bm25 decides ties.
    /// </summary>
    private int BestSection(int article, Dictionary<int, double> scored, ResolvedConcept[] concepts, double total, double[]? cosines, double[]? headingCosines)
    {
        if (cosines is not null && headingCosines is not null)
        {
            cosines = [.. cosines.Select((c, i) => c + (_parameters.SectionHeadingCosineWeight * headingCosines[i]))];
        }

        var closest = cosines is null || cosines.Length == 0 ? 0 : cosines.Max();
        var own = concepts.Where(c => !c.Phrases.Any(p => p.TermIds is { } ids && _terms.TitleContainsTerms(article, ids))).ToArray();
        if (own.Length > 0) (concepts, total) = (own, own.Sum(c => c.Weight));
        var (best, bestValue, bestScore) = (0, double.NegativeInfinity, double.NegativeInfinity);
        for (var s = 0; s < _terms.SectionCount(article); s++)
        {
            var section = s;
            var covered = Covered(concepts, ids => _terms.SectionContainsTerms(article, section, ids));
            var heading = Covered(concepts, ids => _terms.HeadingContainsTerms(article, section, ids));
            var value = (total > 0 ? (covered + (_parameters.SectionHeadingWeight * heading)) / total : 0)
                + (cosines is null ? 0 : _parameters.SectionCosineWeight * (cosines[s] - closest));
            var score = cosines is null ? scored.GetValueOrDefault(s) : cosines[s];
            if (value > bestValue || (value == bestValue && score > bestScore)) (best, bestValue, bestScore) = (s, value, score);
        }

        return best;
    }

    /// <summary>Idf of the concept as typed, or of its commonest known synonym; unknown words weigh as the rarest.</summary>
    private double ConceptWeight(QueryConcept concept)
    {
        double PhraseIdf(QueryPhrase p) => Idf(p.Stems.Select(s => _index.Vocabulary.GetValueOrDefault(s)).Min());

        var known = concept.Alternatives.Where(p => p.Stems.All(_index.Vocabulary.ContainsKey)).ToList();
        if (known.Count == 0) return Idf(0) * _parameters.UnknownWordWeight;
        return known.Contains(concept.Alternatives[0]) ? PhraseIdf(concept.Alternatives[0]) : known.Min(PhraseIdf);
    }

    /// <summary>The idf of the rarest known question concept the article contains, over the idf of an unseen word.</summary>
    private double Anchor(int article, ResolvedConcept[] concepts)
    {
        var best = 0.0;
        foreach (var concept in concepts)
        {
            foreach (var phrase in concept.Phrases)
            {
                if (phrase.Idf is { } idf && phrase.TermIds is { } ids && _terms.ContainsTerms(article, ids)) best = Math.Max(best, idf);
            }
        }

        return best / Idf(0);
    }

    /// <summary>bm25's idf for a term found in <paramref name="df"/> of the indexed passages.</summary>
    private double Idf(int df) => Math.Log(1 + ((_index.PassageCount - df + 0.5) / (df + 0.5)));

    /// <summary>The weight of the concepts of which some alternative is found by <paramref name="contains"/>.</summary>
    private static double Covered(ResolvedConcept[] concepts, Func<int[], bool> contains)
    {
        var covered = 0.0;
        foreach (var concept in concepts)
        {
            foreach (var phrase in concept.Phrases)
            {
                if (phrase.TermIds is not { } ids || !contains(ids)) continue;
                covered += concept.Weight;
                break;
            }
        }

        return covered;
    }

    /// <summary>
    /// Looks each concept's phrases up once per question (term ids in the article index, rarity in the index
    /// vocabulary), so the checks against every candidate, section and field are integer searches.
    /// </summary>
    private ResolvedConcept[] Resolve(IReadOnlyList<QueryConcept> concepts)
    {
        var resolved = new ResolvedConcept[concepts.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            var phrases = new ResolvedPhrase[concepts[i].Alternatives.Count];
            for (var p = 0; p < phrases.Length; p++)
            {
                var stems = concepts[i].Alternatives[p].Stems;
                phrases[p] = new ResolvedPhrase(_terms.TermIds(stems), RarestIdf(stems));
            }

            resolved[i] = new ResolvedConcept(ConceptWeight(concepts[i]), phrases);
        }

        return resolved;
    }

    /// <summary>The idf of the phrase's rarest word, or null when a word is not in the index vocabulary (or there are none).</summary>
    private double? RarestIdf(IReadOnlyList<string> stems)
    {
        var df = int.MaxValue;
        foreach (var stem in stems)
        {
            if (!_index.Vocabulary.TryGetValue(stem, out var d)) return null;
            df = Math.Min(df, d);
        }

        return df == int.MaxValue ? null : Idf(df);
    }

    /// <param name="TermIds">The phrase's words in the article term index; null when one occurs in no article.</param>
    /// <param name="Idf">Idf of its rarest word in the index vocabulary; null when one is not there.</param>
    private readonly record struct ResolvedPhrase(int[]? TermIds, double? Idf);

    private sealed record ResolvedConcept(double Weight, ResolvedPhrase[] Phrases);

    /// <summary>What one article matched: its best section and question scores, and each matching section's score.</summary>
    private sealed class ArticleMatch
    {
        public Dictionary<int, double> Sections { get; } = [];

        public double SectionScore { get; set; }

        public double QuestionScore { get; set; }
    }
}
