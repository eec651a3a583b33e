namespace BotHost.Knowledge.Safety;

/// <summary>What the semantic detector made of a message: the label it leans to, how strongly, and the nearest example of that label.</summary>
/// <param name="Label">An urgent category id, or <see cref="SafetyExamples.Refuse"/>.</param>
/// <param name="Score">0 to 1: the blended share of urgent (or refuse) in the message's neighbourhood and the linear model.</param>
/// <param name="Nearest">The closest example of <paramref name="Label"/>, so maintainers see why (never member text).</param>
public sealed record ExampleVerdict(string Label, double Score, SafetyExample? Nearest)
{
    /// <summary>
    /// For a refusal verdict: 0 to 1, how strongly the message reads as a request rather than a protective question
    /// (<see cref="StanceClassifier"/>); null when the detector has no stance classifier.
    /// </summary>
    public double? Stance { get; init; }

    /// <summary>
    /// For a refusal verdict: 0 to 1, the one learned score over the message's vector, words and nearest examples
    /// (<see cref="RefusalModel"/>); null when the detector has none.
    /// </summary>
    public double? Joint { get; init; }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Label} (examples {Score:0.00}, nearest {Nearest?.Location ?? "none"})");
}
