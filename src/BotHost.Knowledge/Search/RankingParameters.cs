namespace BotHost.Knowledge.Search;

/// <summary>Tunable parts of ranking beyond bm25's column weights; tuned on the eval set (see comments on <see cref="Default"/>).</summary>
/// <param name="UnknownWordWeight">How much a word the knowledge base never uses counts against coverage, relative to the rarest known word.</param>
/// <param name="CoverageExponent">Articles are re-ranked by score × coverage^exponent; 0 keeps the score order.</param>
/// <param name="QuestionWeight">Weight of the best matching single question against the best matching section.</param>
public sealed record RankingParameters(double UnknownWordWeight, double CoverageExponent, double QuestionWeight, ConfidenceModel Confidence)
{
    public static RankingParameters Default { get; } = new(UnknownWordWeight: 1.0, CoverageExponent: 0.0, QuestionWeight: 1.0, ConfidenceModel.Default);
}
