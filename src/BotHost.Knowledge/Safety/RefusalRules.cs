namespace BotHost.Knowledge.Safety;

/// <summary>
/// knowledge/refusal.yaml: requests for abuse material or for ways to approach, groom or exploit a child. They get
/// one calm line and the prevention resources of <see cref="ArticleId"/>, never an answer.
/// </summary>
public sealed record RefusalRules(SafetyLexicon Lexicon, IReadOnlyList<SafetyRule> Rules, string Message, string ArticleId, DateOnly ReviewedOn)
{
    /// <summary>The example detector's refuse score from which a request is refused.</summary>
    public double ExampleThreshold { get; init; } = SemanticSafety.DefaultThreshold;

    /// <summary>
    /// The lower threshold (refusal.yaml <c>uncued_threshold</c>) from which a request is refused when the message has no
    /// protective cue (<see cref="HasProtectiveCue"/>); null: <see cref="ExampleThreshold"/> for every message.
    /// </summary>
    public double? UncuedThreshold { get; init; }

    /// <summary>
    /// The asker's stance from which a message is refused (refusal.yaml <c>stance_threshold</c>) when its example score
    /// reaches <see cref="StanceFrom"/> but not <see cref="ExampleThreshold"/>: the kernel machine places it near the
    /// requests, and the <see cref="StanceClassifier"/> reads it as a request rather than a protective question. Null: off.
    /// </summary>
    public double? StanceThreshold { get; init; }

    /// <summary>The example score from which <see cref="StanceThreshold"/> is read (refusal.yaml <c>stance_from</c>).</summary>
    public double? StanceFrom { get; init; }

    /// <summary>
    /// The one learned score (<see cref="RefusalModel"/>, refusal.yaml <c>joint_threshold</c>) from which a message is
    /// refused, OR-combined with <see cref="ExampleThreshold"/>. Null: off.
    /// </summary>
    public double? JointThreshold { get; init; }

    /// <summary>
    /// Whether the example detector's verdict refuses the message: its score, the one learned score, or a lower score with
    /// the stance of a request.
    /// </summary>
    public bool Refuses(string message, ExampleVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Score >= ExampleThreshold || verdict.Score >= ThresholdFor(message)) return true;
        if (JointThreshold is { } joint && verdict.Joint is { } score && score >= joint) return true;
        return StanceThreshold is { } stance && StanceFrom is { } from && verdict.Stance is { } read && verdict.Score >= from && read >= stance;
    }

    /// <summary>The example score from which this message is refused: the lower one when it has no protective cue.</summary>
    public double ThresholdFor(string message) =>
        UncuedThreshold is { } uncued && !HasProtectiveCue(message) ? Math.Min(uncued, ExampleThreshold) : ExampleThreshold;

    /// <summary>
    /// Whether the message has a phrase that keeps a rule from firing (a rule's <c>none:</c>: "my daughter", "report",
    /// "what should i do", "protect"...): the maintainers' own marks of a parent, moderator or help-seeker asking.
    /// </summary>
    public bool HasProtectiveCue(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.Any(r => r.None.Any(p => p.IsMatch(reading.Text, reading.Masked)));
    }

    /// <summary>The first rule that matches the message, or null.</summary>
    public SafetyRule? Match(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.FirstOrDefault(r => r.IsMatch(reading));
    }

    public bool Matches(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        return Rules.Any(r => r.IsMatch(reading));
    }
}
