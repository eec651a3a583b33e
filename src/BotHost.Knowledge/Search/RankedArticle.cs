namespace BotHost.Knowledge.Search;

/// <summary>An article that matched a question, with its best section and how sure the engine is.</summary>
/// <param name="Article">Index into the knowledge base's articles.</param>
/// <param name="Section">Index of the best-matching section within the article.</param>
/// <param name="Score">bm25 of the best passage (higher is better).</param>
/// <param name="Coverage">Share of the question's concepts (weighted by rarity) that the article contains, 0 to 1.</param>
/// <param name="Confidence">Calibrated probability-like score in [0, 1] that this article answers the question.</param>
/// <param name="Anchor">Rarity of the rarest question word the article contains, relative to a word no article uses (0 to 1).</param>
public sealed record RankedArticle(int Article, int Section, double Score, double Coverage, double Confidence, double Anchor = 0)
{
    /// <summary>Share of the question's concepts (weighted by rarity) in the article's title, summary, questions and tags.</summary>
    public double TopicCoverage { get; init; }

    /// <summary>bm25 of the article's best matching single question (0 when none matched).</summary>
    public double QuestionScore { get; init; }

    /// <summary>bm25 of the best matching off-topic example question (off-topic.yaml); the same for every article of a search.</summary>
    public double OffTopicScore { get; init; }

    /// <summary>The question's best cosine with the article's embedded texts (questions, title and summary, sections); 0 without the model.</summary>
    public double Cosine { get; init; }

    /// <summary>The question's best cosine with an everyday example (off-topic.yaml, examples/everyday.tsv); the same for every article of a search.</summary>
    public double EverydayCosine { get; init; }

    /// <summary>The mean cosine of the nearest few everyday examples; the same for every article of a search.</summary>
    public double EverydayNeighbours { get; init; }

    /// <summary>The <see cref="OnTopicModel"/>'s log-odds that the question is about the articles' topics; the same for every article of a search (0 without it).</summary>
    public double OnTopic { get; init; }

    /// <summary>The question's best cosine with one of the article's questions (0 without the model).</summary>
    public double QuestionCosine { get; init; }

    /// <summary>The question's best cosine with the article's title and summary or one of its sections (0 without the model).</summary>
    public double DocumentCosine { get; init; }

    /// <summary>The question's cosine with the centroid of the article's questions (0 without the model).</summary>
    public double CentroidCosine { get; init; }

    /// <summary>The mean of the question's few best cosines with the article's texts (0 without the model).</summary>
    public double TopMean { get; init; }

    /// <summary>The article's place in the fused ranking, before the <see cref="Reranker"/> (0 is first).</summary>
    public int FusedRank { get; init; }

    /// <summary>The article's place in the lexical ranking (0 is first; the candidate count when bm25 did not rank it).</summary>
    public int LexicalRank { get; init; }

    /// <summary>The article's place in the semantic ranking by best cosine (0 is first; the candidate count when it did not rank it or without the model).</summary>
    public int SemanticRank { get; init; }

    /// <summary>The article classifier's log-probability that the question is one of this article's (0 without it).</summary>
    public double ClassLogProbability { get; init; }

    /// <summary>
    /// How likely the question's words are among the article's questions' words (<see cref="ArticleTermIndex.QuestionWordLogLikelihood"/>;
    /// 0 without words).
    /// </summary>
    public double QuestionWords { get; init; }
}
