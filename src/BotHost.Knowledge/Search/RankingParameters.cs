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

    /// <summary>Re-orders the fused ranking's first articles (with the sentence encoder); null keeps the fused order.</summary>
    public Reranker? Reranker { get; init; } = Reranker.Default;

    // Section choice (issue #14 item 4), tuned on knowledge/eval/section-questions.tsv (0.725 -> 0.850 of 40) and
    // checked on dev-section-questions.tsv (0.629 -> 0.800 of 35), plateaus of a grid over the three weights below.

    /// <summary>
    /// Section choice: weight of a section's semantic closeness (its cosine's distance below the article's closest
    /// section) against the share of the question's words the section contains (0 to 1).
    /// </summary>
    public double SectionCosineWeight { get; init; } = 8;

    /// <summary>Section choice: weight of the cosine with the section's heading alone, added to its cosine with heading and text.</summary>
    public double SectionHeadingCosineWeight { get; init; } = 0.5;

    /// <summary>Section choice: a question word in the section's heading counts this much more than one in its text.</summary>
    public double SectionHeadingWeight { get; init; } = 0.5;
}
