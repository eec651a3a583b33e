using System.Diagnostics;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge;

/// <summary>
/// A loaded, validated and indexed knowledge folder that answers questions. Immutable once built, so a host can
/// swap a new one in atomically when the folder changes; disposing it waits for questions already in flight.
/// </summary>
public sealed class KnowledgeBase : IDisposable
{
    /// <summary>How many ranked articles a search keeps (enough for MRR@10).</summary>
    public const int RankDepth = 10;

    private readonly LuceneSearchIndex _index;
    private readonly QueryAnalyzer _analyzer;
    private readonly KnowledgeSearcher _searcher;
    private readonly KnowledgeOptions _options;
    private readonly Safety.SafetyRules _safety;
    private readonly SemanticIndex? _semantic;
    private readonly OnTopicModel? _onTopic;
    private readonly AudienceGuard _audience;

    /// <summary>Answers to recent questions, by <see cref="MessageKey"/> and region; null when the cache is off.</summary>
    private readonly BoundedCache<(UInt128 Question, string Region), Answer>? _answers;

    private KnowledgeBase(KnowledgeSnapshot snapshot, KnowledgeOptions options, LuceneSearchIndex index, ArticleTermIndex terms,
        IReadOnlyList<PassageRef> passages, IReadOnlyList<int> questionArticles, SemanticIndex? semantic, OnTopicModel? onTopic, DateTimeOffset loadedAt, TimeSpan buildTime,
        Safety.SafetyRules safety, AudienceGuard audience)
    {
        _semantic = semantic;
        _onTopic = onTopic;
        _audience = audience;
        _answers = options.AnswerCacheSize >= 2 ? new BoundedCache<(UInt128, string), Answer>(options.AnswerCacheSize) : null;
        Snapshot = snapshot;
        _options = options;
        _safety = safety;
        _index = index;
        LoadedAt = loadedAt;
        BuildTime = buildTime;
        _analyzer = new QueryAnalyzer(index.Vocabulary, terms.SurfaceWords, snapshot.Synonyms, options.Features,
            options.Features.HasFlag(SearchFeatures.OffTopicExamples) ? snapshot.OffTopic.SelectMany(q => TextTokenizer.Tokenize(q)).Select(t => t.Text) : []);
        var ranking = options.Ranking ?? RankingParameters.Default;
        if (!options.Features.HasFlag(SearchFeatures.Reranker)) ranking = ranking with { Reranker = null };
        _searcher = new KnowledgeSearcher(index, terms, passages, questionArticles, ranking);
    }

    public KnowledgeSnapshot Snapshot { get; }

    public IReadOnlyList<Article> Articles => Snapshot.Articles;

    public HotlineDirectory Hotlines => Snapshot.Hotlines;

    public string Version => Snapshot.Version;

    /// <summary>The urgent-help and refusal checks: the rules of urgent.yaml and refusal.yaml, and the example detector when the process has the sentence encoder.</summary>
    public Safety.SafetyRules Safety => _safety;

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The process's sentence encoder and vector cache; null when this knowledge base runs without the model.</summary>
    public Semantics.KnowledgeEmbedder? Embedder => _options.Embedder;

    /// <summary>Time taken to build the index (not to read the files).</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>
    /// Writes to the on-disk vector cache skipped while this version was built, because another process (a second
    /// replica, a <c>kb</c> command) kept the cache locked: the vectors were used all the same, and the next load
    /// embeds them again. Zero without a cache.
    /// </summary>
    public long SkippedCacheWrites { get; private init; }

    /// <summary>Loads, validates and indexes a folder. Returns no knowledge base when the folder has errors.</summary>
    public static KnowledgeLoadResult Load(KnowledgeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (snapshot, diagnostics) = KnowledgeLoader.Load(options.Path, today);
        return new KnowledgeLoadResult(snapshot is null ? null : Build(snapshot, options, time), diagnostics);
    }

    /// <summary>Indexes an already-loaded snapshot (benchmarks and tests build snapshots in memory).</summary>
    public static KnowledgeBase Build(KnowledgeSnapshot snapshot, KnowledgeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var started = Stopwatch.GetTimestamp();
        using var skipped = Semantics.VectorCache.CountSkippedWrites();
        var passages = new List<IndexedPassage>();
        var refs = new List<PassageRef>();
        var questions = new List<string>();
        var questionArticles = new List<int>();
        for (var a = 0; a < snapshot.Articles.Count; a++)
        {
            var article = snapshot.Articles[a];
            var questionText = string.Join('\n', article.Questions);
            var tags = string.Join(' ', article.Tags);
            questions.AddRange(article.Questions);
            questionArticles.AddRange(article.Questions.Select(_ => a));
            for (var s = 0; s < article.Sections.Count; s++)
            {
                var section = article.Sections[s];
                passages.Add(new IndexedPassage(article.Title, questionText, tags, article.Summary, section.Heading, section.Text));
                refs.Add(new PassageRef(a, s));
            }
        }

        var offTopic = options.Features.HasFlag(SearchFeatures.OffTopicExamples) ? snapshot.OffTopic : [];
        questions.AddRange(offTopic);
        questionArticles.AddRange(offTopic.Select(_ => KnowledgeSearcher.OffTopic));
        var weights = options.Features.HasFlag(SearchFeatures.FieldWeights) ? options.Weights ?? SearchWeights.Tuned : new SearchWeights(1, 1, 1, 1, 1, 1);
        var index = LuceneSearchIndex.Build(passages, questions, weights);
        options.BuildStage?.Invoke("lucene");
        var terms = ArticleTermIndex.Build(
            [.. snapshot.Articles.Select(ArticleText)],
            [.. snapshot.Articles.Select(a => (IReadOnlyList<string>)[.. a.Sections.Select(s => s.Heading + "\n" + s.Text)])],
            [.. snapshot.Articles.Select(a => a.Title)],
            [.. snapshot.Articles.Select(a => (IReadOnlyList<string>)[.. a.Sections.Select(s => s.Heading)])],
            [.. snapshot.Articles.Select(a => (IReadOnlyList<string>)a.Questions)]);
        options.BuildStage?.Invoke("terms");
        var safety = options.Embedder is { } embedder && !snapshot.Examples.IsEmpty
            ? snapshot.Safety with { Examples = global::BotHost.Knowledge.Safety.SemanticSafety.Build(snapshot.Examples, snapshot.OffTopic, snapshot.Articles, embedder) }
            : snapshot.Safety;
        options.BuildStage?.Invoke("safety");
        if (options.Embedder is { } distressEmbedder && safety.Urgent?.Distress is not null && snapshot.Examples.Distress.Count > 0)
        {
            safety = safety with { Distress = global::BotHost.Knowledge.Safety.DistressDetector.Build(snapshot.Examples, distressEmbedder) };
        }

        options.BuildStage?.Invoke("distress");

        var semantic = options.Embedder is { } encoder && options.Features.HasFlag(SearchFeatures.Semantic)
            ? SemanticIndex.Build(snapshot, encoder, options.Features.HasFlag(SearchFeatures.OffTopicExamples) ? [.. snapshot.OffTopic, .. snapshot.Everyday] : [],
                options.Features.HasFlag(SearchFeatures.ArticleClassifier))
            : null;
        options.BuildStage?.Invoke("semantic");
        var onTopic = semantic is not null && options.Embedder is { } onTopicEmbedder && options.Features.HasFlag(SearchFeatures.OnTopic | SearchFeatures.OffTopicExamples)
            ? OnTopicModel.Build(snapshot, onTopicEmbedder, [.. snapshot.OffTopic, .. snapshot.Everyday])
            : null;
        options.BuildStage?.Invoke("on-topic");
        var audience = AudienceGuard.Build(snapshot, options.Embedder);
        options.BuildStage?.Invoke("audience");
        var knowledge = new KnowledgeBase(snapshot, options, index, terms, refs, questionArticles, semantic, onTopic, time.GetUtcNow(), Stopwatch.GetElapsedTime(started), safety,
            audience)
        {
            SkippedCacheWrites = skipped.Count,
        };
        knowledge.WarmUp();
        options.BuildStage?.Invoke("warm-up");
        return knowledge;
    }

    /// <summary>Questions searched once at build time (see <see cref="WarmUp"/>).</summary>
    private const int WarmUpQuestions = 20;

    /// <summary>
    /// Searches a few of the articles' own questions once, so the code paths of a search are compiled before the first
    /// member asks after a (re)load.
    /// </summary>
    private void WarmUp()
    {
        foreach (var question in Articles.SelectMany(a => a.Questions).Take(WarmUpQuestions)) Search(question, RegionCode.International);
    }

    /// <summary>
    /// Answers a question: never throws for any text, however odd; declines instead of guessing. A question asked again
    /// (case and spacing aside) from the same region gets the answer already given, while this knowledge version is loaded.
    /// </summary>
    public Answer Ask(string question, AskContext context)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(context);
        var region = RegionCode.Normalize(context.Region) ?? RegionCode.International;
        if (_answers is null) return Compute(question, region);
        var key = (MessageKey.Of(question), region);
        if (_answers.TryGet(key, out var cached)) return cached;
        var answer = Compute(question, region);
        _answers.Add(key, answer);
        return answer;
    }

    /// <summary>Answers kept for repeated questions now (for tests and diagnostics).</summary>
    internal int CachedAnswers => _answers?.Count ?? 0;

    private Answer Compute(string question, string region)
    {
        var result = Search(question, region);
        if (result.Declined) return Declined(result, region);

        var stems = result.Query.Concepts.Where(c => c.Known).SelectMany(c => c.Alternatives).SelectMany(p => p.Stems)
            .ToHashSet(StringComparer.Ordinal);
        var top = result.Ranked[0];
        var passages = result.Ranked
            .Where(r => r == top || !UsesConfidence || r.Confidence >= _options.DeclineThreshold)
            .Take(_options.MaxPassages)
            .Select(r => Passage(r with { Section = QuotedSection(r, question, region) }, stems, region))
            .ToList();
        return new Answer
        {
            Kind = AnswerKind.Answered,
            Passages = passages,
            Hotlines = Shown(Hotlines.Select(Articles[top.Article].HotlineIds, region), region),
            Confidence = top.Confidence,
            Corrections = result.Query.Corrections,
            Region = region,
            KnowledgeVersion = Version,
        };
    }

    /// <summary>
    /// The section of a ranked article an answer quotes: the ranking's choice, or the article's section for the asker's
    /// region when the ranking picked one about another country (see <see cref="RegionalSection"/>).
    /// </summary>
    public int QuotedSection(RankedArticle ranked, string question, string region)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(question);
        var normalized = RegionCode.Normalize(region) ?? RegionCode.International;
        return RegionalSection.Choose(Articles[ranked.Article], ranked.Section, normalized, question, Snapshot.Regions);
    }

    /// <summary>The ranking behind <see cref="Ask"/>, for evaluation and diagnostics.</summary>
    public SearchResult Search(string question, string region)
    {
        ArgumentNullException.ThrowIfNull(question);
        var query = _analyzer.Analyze(question);
        var embedding = _semantic is not null && _options.Embedder is { } embedder ? embedder.Message(question) : null;
        var semantic = embedding is null ? null : _semantic!.Score(embedding.Vector);
        var onTopic = embedding is not null && _onTopic is not null ? _onTopic.LogOdds(embedding.Vector) : 0;
        var ranked = ForAudience(question, _searcher.Rank(query, RankDepth, a => Articles[a].AppliesTo(region), semantic, onTopic));
        return new SearchResult(query, ranked, ShouldDecline(ranked));
    }

    /// <summary>
    /// The ranking without articles for people worried about their own thoughts when one would be quoted to a member who
    /// reads as a victim or at risk and the message is not about the asker's own thoughts (<see cref="AudienceGuard"/>).
    /// </summary>
    private IReadOnlyList<RankedArticle> ForAudience(string question, IReadOnlyList<RankedArticle> ranked)
    {
        if (!_audience.Active || !ranked.Take(_options.MaxPassages).Any(r => _audience.IsOwnThoughts(r.Article))) return ranked;
        if (!ReadsAtRisk(question) || _audience.AboutOwnThoughts(question)) return ranked;
        return [.. ranked.Where(r => !_audience.IsOwnThoughts(r.Article))];
    }

    /// <summary>
    /// True when the safety checks read the message as a member in danger (urgent by a rule or the examples) or in
    /// distress (the distress safety net).
    /// </summary>
    private bool ReadsAtRisk(string question) => _safety.MatchUrgent(question) is not null || _safety.MatchDistress(question) is not null;

    /// <summary>
    /// Quotes one section of an article verbatim (from its start), for fixed replies such as <c>/about</c> or the
    /// prevention resources of a refusal. Returns null when the article or section does not exist.
    /// </summary>
    public AnswerPassage? Quote(string articleId, int section = 0)
    {
        var index = Articles.ToList().FindIndex(a => a.Id == articleId);
        if (index < 0 || section < 0 || section >= Articles[index].Sections.Count) return null;
        return Passage(new RankedArticle(index, section, Score: 0, Coverage: 1, Confidence: 1), new HashSet<string>(), RegionCode.International);
    }

    public void Dispose() => _index.Dispose();

    /// <summary>
    /// Decline below the threshold; and, following Rasa's FallbackClassifier, when the top two articles are too close
    /// to call, but only if neither is confident (two good articles on one topic are both worth reading).
    /// </summary>
    private bool ShouldDecline(IReadOnlyList<RankedArticle> ranked)
    {
        if (ranked.Count == 0) return true;
        if (!UsesConfidence) return false;
        var top = ranked[0].Confidence;
        if (top < _options.DeclineThreshold) return true;
        return ranked.Count > 1 && top < _options.ConfidentThreshold && top - ranked[1].Confidence < _options.AmbiguityMargin;
    }

    private bool UsesConfidence => _options.Features.HasFlag(SearchFeatures.Confidence);

    private Answer Declined(SearchResult result, string region) => new()
    {
        Kind = AnswerKind.Declined,
        Passages = [],
        Hotlines = Shown(Hotlines.General(region), region),
        Confidence = result.Ranked.Count > 0 ? result.Ranked[0].Confidence : 0,
        Corrections = result.Query.Corrections,
        Region = region,
        KnowledgeVersion = Version,
    };

    private AnswerPassage Passage(RankedArticle ranked, IReadOnlySet<string> stems, string region)
    {
        var article = Articles[ranked.Article];
        var section = article.Sections[ranked.Section];
        var cited = section.Sources.Count > 0 ? section.Sources : article.Sources;
        return new AnswerPassage
        {
            ArticleId = article.Id,
            Title = article.Title,
            Heading = section.Heading,
            Anchor = section.Anchor,
            Snippet = SnippetBuilder.Build(section.Text, stems),
            Sources = [.. cited.Take(_options.MaxSources).Select(Published)],
            ArticleSources = [.. article.Sources.Where(s => s.ShownIn(region) || cited.Contains(s)).Select(Published)],
            Reviewed = article.Reviewed,
            Sensitive = article.Sensitive,
            Confidence = ranked.Confidence,
            Link = _options.ArticleBaseUrl is { } baseUrl ? new Uri(baseUrl, $"{article.Path}#{section.Anchor}") : null,
        };
    }

    /// <summary>One of the bot's own documents is linked where the host publishes its knowledge folder, as the articles are.</summary>
    private ArticleSource Published(ArticleSource source) =>
        source is { Url: null, Document: { } document } && _options.ArticleBaseUrl is { } baseUrl ? source with { Url = new Uri(baseUrl, document) } : source;

    /// <summary>
    /// The hotlines a reply shows: the region's own services first, each group in the order given (the article's topic
    /// order), then international ones; at most <see cref="KnowledgeOptions.MaxHotlines"/>, so a reply fits a phone screen.
    /// </summary>
    private List<Hotline> Shown(IReadOnlyList<Hotline> hotlines, string region) =>
    [
        .. hotlines.Where(h => string.Equals(h.Region, region, StringComparison.OrdinalIgnoreCase))
            .Concat(hotlines.Where(h => !string.Equals(h.Region, region, StringComparison.OrdinalIgnoreCase)))
            .Take(_options.MaxHotlines),
    ];

    private static IEnumerable<string> ArticleText(Article article) => [article.Title, article.Summary, .. article.Questions, .. article.Tags];
}
