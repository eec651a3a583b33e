namespace BotHost.Knowledge.Search;

/// <summary>
/// Maps an article's match (bm25 strength and concept coverage) to a confidence in [0, 1]. A question that shares
/// only a common word with an article ("how do I report a bug in minecraft") has low coverage and is declined.
/// </summary>
public sealed record ConfidenceModel(double StrengthHalfPoint)
{
    public static ConfidenceModel Default { get; } = new(StrengthHalfPoint: 4.0);

    public double Confidence(double score, double coverage)
    {
        var strength = score <= 0 ? 0 : score / (score + StrengthHalfPoint);
        return Math.Clamp(coverage * strength, 0, 1);
    }
}
