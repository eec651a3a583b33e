namespace BotHost.Knowledge.Search;

/// <summary>
/// Maps how well an article matches a question to a confidence in [0, 1]: a logistic model of the share of the
/// question's concepts the article covers (weighted by rarity) and the strength of its best bm25 score.
/// A question that shares only a common word with an article ("how do I report a bug in minecraft") has low
/// coverage and is declined. The coefficients come from <c>kb eval --calibrate</c> on knowledge/eval/questions.tsv.
/// </summary>
public sealed record ConfidenceModel(double Intercept, double CoverageWeight, double StrengthWeight)
{
    public static ConfidenceModel Default { get; } = new(Intercept: -6.0, CoverageWeight: 8.0, StrengthWeight: 1.0);

    public double Confidence(double score, double coverage)
    {
        var z = Intercept + (CoverageWeight * coverage) + (StrengthWeight * Math.Log(1 + Math.Max(0, score)));
        return 1 / (1 + Math.Exp(-z));
    }
}
