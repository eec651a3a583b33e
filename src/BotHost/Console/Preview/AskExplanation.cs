namespace BotHost.Console.Preview;

/// <summary>Why the bot replied as it did: the safety verdicts, the ranking with its features, and the decision.</summary>
/// <param name="Refusal">The refusal rule that fired ("refusal.yaml:12"), or null.</param>
/// <param name="Urgent">The urgent category and the rule that fired, or null (a refused request is never urgent).</param>
/// <param name="Handler">Which step of the pipeline answered (urgent help, refusal, the knowledge answer, ...).</param>
public sealed record AskExplanation(
    RuleVerdict? Refusal,
    RuleVerdict? Urgent,
    string Handler,
    IReadOnlyList<ConceptRow> Concepts,
    IReadOnlyList<string> Corrections,
    IReadOnlyList<RankedRow> Ranked,
    DecisionRow Decision);

/// <summary>
/// A safety verdict: its category (urgent only) and where it comes from: the rule that fired, or, when
/// <paramref name="ExampleScore"/> is set, the examples classifier's score and its nearest labelled example.
/// </summary>
public sealed record RuleVerdict(string? Category, string File, int Line, double? ExampleScore = null)
{
    /// <summary>"rule at refusal.yaml:12", or "examples classifier (score 0.712), nearest example at refusal.tsv:40".</summary>
    public string Source => ExampleScore is { } score
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"examples classifier (score {score:0.000}), nearest example at {File}:{Line}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rule at {File}:{Line}");
}

/// <summary>One concept of the analysed question: what was typed and the phrases searched for it.</summary>
public sealed record ConceptRow(string Typed, IReadOnlyList<string> Alternatives, bool Known);

/// <summary>
/// One ranked article with the features the confidence model reads. <paramref name="Cosine"/> is the question's best
/// cosine with the article's embedded texts (0 without the sentence-embedding model); <paramref name="WordsRank"/> and
/// <paramref name="MeaningRank"/> are its places among the listed articles by bm25 and by cosine, the two rankings the
/// hybrid search fuses (null when the model gave no cosines).
/// </summary>
public sealed record RankedRow(
    int Rank,
    string ArticleId,
    string Title,
    string Section,
    double Score,
    double Coverage,
    double TopicCoverage,
    double QuestionScore,
    double Anchor,
    double OffTopicScore,
    double Confidence,
    double Cosine = 0,
    int? WordsRank = null,
    int? MeaningRank = null);

/// <summary>
/// The answer-or-decline decision: the top confidence against the thresholds, in words; <paramref name="EverydayCosine"/>
/// is the question's best cosine with an everyday (off-topic) example, a feature of the confidence model (0 without the model).
/// </summary>
public sealed record DecisionRow(bool Declined, double TopConfidence, double DeclineThreshold, double ConfidentThreshold, double AmbiguityMargin, string Reason,
    double EverydayCosine = 0);
