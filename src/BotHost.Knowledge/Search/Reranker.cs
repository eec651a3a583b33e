using System.Collections.Immutable;

namespace BotHost.Knowledge.Search;

/// <summary>
/// Re-orders the first <see cref="Depth"/> articles of the fused ranking by a logistic model of "this article answers
/// the question" over each one's lexical, semantic and coverage features (issue #14: rankings that hold on unseen
/// questions). Each feature but the coverages is measured against the best of those articles, so the model compares
/// candidates rather than questions. Fitted by <c>kb eval --calibrate</c> on the articles' own questions, each searched
/// with its fold held out of the index (<see cref="Evaluation.ArticleQuestionCrossValidation"/>), so it learns how an
/// answerable question worded as no one wrote it down looks: close to an article's texts as a whole (its sections,
/// the centroid of its questions, the mean of its few closest texts) more than to one stray question; and how likely the
/// article classifier (a softmax regression over the sentence vector, trained at load on the articles' questions, see
/// <see cref="SemanticIndex"/>) finds it, which reads the whole vector where the cosines read distances to single texts;
/// and how likely its questions' words make the question's (<see cref="ArticleTermIndex.QuestionWordLogLikelihood"/>).
/// </summary>
/// <param name="Weights">Coefficients in the order of <see cref="FeatureNames"/>.</param>
public sealed record Reranker(ImmutableArray<double> Weights)
{
    /// <summary>How many of the fused ranking's first articles the model re-orders.</summary>
    public const int Depth = 5;

    /// <summary>The features, as <c>kb eval --calibrate</c> prints them.</summary>
    public static ImmutableArray<string> FeatureNames { get; } =
    [
        "intercept", "fused_rank", "strength", "cosine", "question_cosine", "document_cosine", "centroid_cosine", "top_mean", "coverage", "topic",
        "anchor", "question_strength", "lexical_rank", "class_log_probability", "semantic_rank",
        "question_words",
    ];

    /// <summary>
    /// From <c>kb eval --calibrate -q knowledge/eval/questions.tsv -q knowledge/eval/dev-questions.tsv</c> with the
    /// model loaded (its "reranker:" line; the eval questions play no part in the fit), on the 41 articles with writer3's,
    /// writer5's and writer9's questions (branch lucene10). Over the 2,274 held-out article questions, each fold
    /// re-ordered by a model fitted on the other folds, Recall@1 went 0.781 (fused) -> 0.869 (reranked; 0.842 with the
    /// pointwise fit and without the classifier and semantic rank). With writer3's and writer5's (lucene8, 1,709
    /// questions) 0.722 -> 0.799. With the question-word model's log-likelihood (<see cref="RankedArticle.QuestionWords"/>,
    /// branch rank13) the same 2,274 questions: 0.781 fused -> 0.880 reranked (0.870 without it); with pairs of adjacent
    /// words in that model (branch rank15) 0.782 -> 0.885. The intercept is 0: a conditional logit compares candidates
    /// of one list. The figures of each eval set are in the README.
    /// </summary>
    public static Reranker Default { get; } = new([0, -0.095, 1.865, 1.145, -1.54, 10.691, -0.7, 3.809, 2.881, -0.162, 0.681, -1.273, -0.24, 0.548, 0.69, 0.059]);

    /// <summary>The features of <paramref name="top"/>[<paramref name="index"/>] among <paramref name="top"/> (the first articles of one search).</summary>
    public static double[] Features(IReadOnlyList<RankedArticle> top, int index)
    {
        ArgumentNullException.ThrowIfNull(top);
        var (strength, cosine, question, document, centroid, mean, questionStrength, classes) =
            (double.MinValue, double.MinValue, double.MinValue, double.MinValue, double.MinValue, double.MinValue, double.MinValue, double.MinValue);
        var words = double.MinValue;
        foreach (var t in top)
        {
            strength = Math.Max(strength, Log(t.Score));
            cosine = Math.Max(cosine, t.Cosine);
            question = Math.Max(question, t.QuestionCosine);
            document = Math.Max(document, t.DocumentCosine);
            centroid = Math.Max(centroid, t.CentroidCosine);
            mean = Math.Max(mean, t.TopMean);
            questionStrength = Math.Max(questionStrength, Log(t.QuestionScore));
            classes = Math.Max(classes, t.ClassLogProbability);
            words = Math.Max(words, t.QuestionWords);
        }

        var r = top[index];
        return
        [
            1, 1.0 / (1 + r.FusedRank), Log(r.Score) - strength, r.Cosine - cosine, r.QuestionCosine - question, r.DocumentCosine - document,
            r.CentroidCosine - centroid, r.TopMean - mean, r.Coverage, r.TopicCoverage, r.Anchor, Log(r.QuestionScore) - questionStrength,
            1.0 / (1 + r.LexicalRank), r.ClassLogProbability - classes, 1.0 / (1 + r.SemanticRank), r.QuestionWords - words,
        ];
    }

    /// <summary>The first <see cref="Depth"/> articles by the model's score (highest first; ties keep their order), then the rest as they were.</summary>
    public IReadOnlyList<RankedArticle> Rerank(IReadOnlyList<RankedArticle> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count < 2) return ranked;
        var top = ranked.Take(Depth).ToList();
        var scores = new double[top.Count];
        for (var i = 0; i < top.Count; i++) scores[i] = Score(Features(top, i));
        return [.. top.Select((r, i) => (r, i)).OrderByDescending(x => scores[x.i]).ThenBy(x => x.i).Select(x => x.r), .. ranked.Skip(Depth)];
    }

    private double Score(double[] features)
    {
        var z = 0.0;
        for (var i = 0; i < features.Length; i++) z += Weights[i] * features[i];
        return z;
    }

    private static double Log(double score) => Math.Log(1 + Math.Max(0, score));
}
