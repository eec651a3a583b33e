using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge;

/// <summary>How the knowledge base is loaded and how sure it must be to answer (configuration section "Knowledge").</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder (articles/, hotlines.yaml, synonyms.yaml).</summary>
    public string Path { get; set; } = "knowledge";

    /// <summary>Answers whose top confidence is below this are declined (calibrated on knowledge/eval/questions.tsv).</summary>
    public double DeclineThreshold { get; set; } = 0.6;

    /// <summary>Above this confidence the top article is answered even when the runner-up is close.</summary>
    public double ConfidentThreshold { get; set; } = 0.6;

    /// <summary>Top two articles closer than this (and neither confident) are too close to call: decline.</summary>
    public double AmbiguityMargin { get; set; }

    /// <summary>
    /// At most this many articles are quoted in one answer: one, the best section, so a reply fits a phone screen
    /// (issue #15); the runners-up are still ranked for evaluation.
    /// </summary>
    public int MaxPassages { get; set; } = 1;

    /// <summary>At most this many of the quoted section's sources are shown; the rest are one "More sources" away.</summary>
    public int MaxSources { get; set; } = 2;

    /// <summary>At most this many hotlines are shown with an answer or a decline: the region's own first, then international ones.</summary>
    public int MaxHotlines { get; set; } = 3;

    /// <summary>Where the articles are published, for deep links ("https://github.com/org/repo/blob/main/knowledge/"); optional.</summary>
    public Uri? ArticleBaseUrl { get; set; }

    /// <summary>Region used when a community has none configured.</summary>
    public string DefaultRegion { get; set; } = RegionCode.International;

    /// <summary>bm25 column weights; null uses <see cref="SearchWeights.Tuned"/>.</summary>
    public SearchWeights? Weights { get; set; }

    /// <summary>Ranking and confidence parameters; null uses <see cref="RankingParameters.Default"/>.</summary>
    public RankingParameters? Ranking { get; set; }

    /// <summary>Retrieval techniques in use; all of them unless an ablation run switches some off.</summary>
    public SearchFeatures Features { get; set; } = SearchFeatures.All;

    /// <summary>
    /// Answers kept for repeated questions (the same words, case and spacing aside, from the same region), per loaded
    /// knowledge version: a reload starts with none. 0 turns the cache off (evaluation and benchmarks of first answers).
    /// </summary>
    public int AnswerCacheSize { get; set; } = 2_048;

    /// <summary>
    /// The sentence encoder and vector cache (one per process, see <see cref="Semantics.KnowledgeEmbedder.Load"/>); null
    /// when the knowledge base runs without the embedding model (rules and keyword search only).
    /// </summary>
    public Semantics.KnowledgeEmbedder? Embedder { get; set; }

    /// <summary>
    /// Called on the building thread as <see cref="KnowledgeBase.Build"/> finishes each stage, with the stage's name
    /// ("lucene", "terms", "safety", "distress", "semantic", "on-topic", "audience", "warm-up"), so the rebuild bench can
    /// time the stages of a real build; null (the default) in the bot.
    /// </summary>
    internal Action<string>? BuildStage { get; set; }
}
