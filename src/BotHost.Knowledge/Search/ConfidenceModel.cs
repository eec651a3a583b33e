namespace BotHost.Knowledge.Search;

/// <summary>
/// Maps how well an article matches a question to a confidence in [0, 1]: a logistic model of
/// <list type="bullet">
/// <item>coverage: the share of the question's concepts the article contains anywhere, weighted by rarity;</item>
/// <item>strength: its best bm25 score (log);</item>
/// <item>anchor: how distinctive the rarest word it shares with the question is (a chatty question with one rare,
/// on-topic word, "im getting sextorted pls hurry", is answerable);</item>
/// <item>topic coverage: the share found in what the article says it is about (title, summary, questions, tags)
/// rather than in a passing mention in its body ("tell me a joke" shares both its words with a crisis article
/// that mentions someone "joking about ending their life", but neither is what that article is about);</item>
/// <item>off-topic lead: how much better the question matches one of off-topic.yaml's everyday questions than the
/// article's own questions ("best photo editing app" is closer to "best free app to edit pictures" than to any
/// question about edited abuse images).</item>
/// </list>
/// The coefficients come from <c>kb eval --calibrate -q knowledge/eval/questions.tsv -q knowledge/eval/dev-questions.tsv</c>
/// (both sets, so the fit does not follow one set's quirks); questions with no match at all are left out of the fit,
/// since they are declined whatever the model says.
/// </summary>
public sealed record ConfidenceModel(double Intercept, double CoverageWeight, double StrengthWeight, double AnchorWeight = 0,
    double TopicWeight = 0, double OffTopicWeight = 0, double CosineWeight = 0, double MarginWeight = 0, double NeighbourMarginWeight = 0, double OnTopicWeight = 0)
{
    /// <summary>
    /// The hybrid ranking's model: the same features plus the question's best cosine with the article's embedded texts
    /// and its margin over the nearest everyday example, fitted the same way with the sentence encoder loaded.
    /// </summary>
    /// <remarks>
    /// From <c>kb eval --calibrate -q knowledge/eval/questions.tsv -q knowledge/eval/dev-questions.tsv</c> with the model
    /// loaded, with the <see cref="Reranker"/> on (its conditional-logit fit with the article classifier and the
    /// question-word model with pairs of adjacent words), writer3's, writer5's and writer9's article questions, and every
    /// examples/everyday*.tsv as the everyday examples, as at run time (branch rank15, 2026-12-07: 2,274 held-out article
    /// questions, 2,544 cross-validated everyday examples and misspelt copies); recentred at the threshold its
    /// "threshold" line prints, <see cref="Evaluation.ConfidenceCalibrator.BalancedThreshold"/>: 0.62, where the held-out
    /// article questions answered (0.980) and the cross-validated everyday examples declined (0.971) sum highest (as
    /// written: answered 0.995, declined 0.989). The fit before (branch lucene10, before the question-word model) balanced
    /// at 0.63 with 0.981 and 0.971 on its own rankings. The same fit without the <see cref="OnTopicModel"/>'s log-odds
    /// (its "without on_topic" line) balances at 0.69 with 0.959 and 0.970 (as written 0.991, 0.978): the on-topic model
    /// answers 2.1 points more of the held-out questions and declines 0.1 more of the everyday examples. The fit sees the eval questions as
    /// written and misspelt (<see cref="Evaluation.TypoNoise"/>), the everyday examples as negatives
    /// (<see cref="Evaluation.EverydayCrossValidation"/>) and the articles' own questions as positives, each held out of
    /// the index (<see cref="Evaluation.ArticleQuestionCrossValidation"/>; the on-topic model and the article classifier
    /// of each fold's knowledge base are trained without them), both at weight 0.5. The margins over the nearest
    /// everyday example and over the mean of the nearest three carry most of the decision: a member's everyday question
    /// ("how do i add a bot to my server") is nearer everyday examples than any article text, whatever words it shares
    /// with the articles. The previous coefficients (branch lucene9, threshold 0.58: held-out answered 0.972, everyday
    /// declined 0.968) and each eval set's figures are in the README and .ci/run.
    /// </remarks>
    public static ConfidenceModel Hybrid { get; } = new(Intercept: -0.866, CoverageWeight: 4.89, StrengthWeight: 0.344, AnchorWeight: -0.741,
        TopicWeight: -1.106, OffTopicWeight: -0.565, CosineWeight: -3.41, MarginWeight: 9.875, NeighbourMarginWeight: 18.605, OnTopicWeight: 0.35);

    public static ConfidenceModel Default { get; } = new(Intercept: -9.64, CoverageWeight: 6.99, StrengthWeight: 2.307, AnchorWeight: 2.844,
        TopicWeight: 4.801, OffTopicWeight: -16.241);

    /// <param name="offTopicLead">See <see cref="OffTopicLead(double, double)"/>.</param>
    /// <param name="cosine">The question's best cosine with the article's embedded texts (0 without the model).</param>
    /// <param name="margin">That cosine less the best cosine with an everyday example.</param>
    /// <param name="neighbourMargin">That cosine less the mean cosine of the nearest few everyday examples.</param>
    /// <param name="onTopic">The <see cref="OnTopicModel"/>'s log-odds (0 without it).</param>
    public double Confidence(double score, double coverage, double anchor = 0, double topic = 0, double offTopicLead = 0, double cosine = 0, double margin = 0,
        double neighbourMargin = 0, double onTopic = 0)
    {
        var z = Intercept + (CoverageWeight * coverage) + (StrengthWeight * Math.Log(1 + Math.Max(0, score))) + (AnchorWeight * anchor)
                + (TopicWeight * topic) + (OffTopicWeight * offTopicLead) + (CosineWeight * cosine) + (MarginWeight * margin)
                + (NeighbourMarginWeight * neighbourMargin) + (OnTopicWeight * onTopic);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// How far the question's best match among off-topic.yaml's everyday questions leads its best match among the
    /// article's own questions (log bm25; 0 when the article's question matches as well or better).
    /// </summary>
    public static double OffTopicLead(double questionScore, double offTopicScore) =>
        Math.Max(0, Math.Log(1 + Math.Max(0, offTopicScore)) - Math.Log(1 + Math.Max(0, questionScore)));
}
