namespace BotHost.Knowledge.Search;

/// <summary>Tunable parts of ranking beyond bm25's column weights; tuned on the eval set (see comments on <see cref="Default"/>).</summary>
/// <param name="UnknownWordWeight">How much a word the knowledge base never uses counts against coverage, relative to the rarest known word.</param>
/// <param name="CoverageExponent">Articles are re-ranked by score × coverage^exponent; 0 keeps the score order.</param>
/// <param name="QuestionWeight">Weight of the best matching single question against the best matching section.</param>
/// <param name="Confidence">The confidence model when ranking by words alone (no sentence encoder).</param>
public sealed record RankingParameters(double UnknownWordWeight, double CoverageExponent, double QuestionWeight, ConfidenceModel Confidence)
{
    public static RankingParameters Default { get; } = new(UnknownWordWeight: 1.0, CoverageExponent: 0.0, QuestionWeight: 1.0, ConfidenceModel.Default);

    /// <summary>The confidence model of the hybrid ranking (with the semantic features).</summary>
    public ConfidenceModel HybridConfidence { get; init; } = ConfidenceModel.Hybrid;

    /// <summary>Reciprocal-rank fusion's k: a larger k flattens the difference between ranks.</summary>
    public double FusionK { get; init; } = 10;

    /// <summary>Weight of the semantic ranking against the lexical one in the fusion.</summary>
    public double SemanticWeight { get; init; } = 1;
}
