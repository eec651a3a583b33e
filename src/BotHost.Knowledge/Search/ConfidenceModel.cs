namespace BotHost.Knowledge.Search;

/// <summary>
/// Maps how well an article matches a question to a confidence in [0, 1]: a logistic model of the share of the
/// question's concepts the article covers (weighted by rarity), the strength of its best bm25 score, and its anchor:
/// how distinctive the rarest word it shares with the question is (a chatty question with one rare, on-topic word,
/// "im getting sextorted pls hurry", is answerable; one sharing only everyday words, "tell me a joke", is not).
/// A question that shares only a common word with an article ("how do I report a bug in minecraft") has low
/// coverage and is declined. The coefficients come from <c>kb eval --calibrate</c> on knowledge/eval/questions.tsv.
/// </summary>
public sealed record ConfidenceModel(double Intercept, double CoverageWeight, double StrengthWeight, double AnchorWeight = 0)
{
    public static ConfidenceModel Default { get; } = new(Intercept: -6.226, CoverageWeight: 7.399, StrengthWeight: 1.747, AnchorWeight: 0.471);

    public double Confidence(double score, double coverage, double anchor = 0)
    {
        var z = Intercept + (CoverageWeight * coverage) + (StrengthWeight * Math.Log(1 + Math.Max(0, score))) + (AnchorWeight * anchor);
        return 1 / (1 + Math.Exp(-z));
    }
}
