using System.Runtime.CompilerServices;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The safety checks of a knowledge folder: the phrase rules of urgent.yaml and refusal.yaml (either file may be absent,
/// then that check never fires) OR-combined with the example detector (<see cref="Examples"/>, when the process has the
/// sentence encoder). Precedence: a rule refusal first (an offender gets no urgent-help path); then urgent, by a rule or
/// by the examples; a message found urgent is never refused by the examples alone (a member in danger who words their
/// message like a request must still get help); last, refusal by the examples.
/// </summary>
public sealed record SafetyRules(UrgentRules? Urgent, RefusalRules? Refusal)
{
    /// <summary>
    /// The last verdicts per message text, keyed by the string instance: the pipeline asks about the same message in
    /// several steps (channel filter, rate limit, urgent help, refusal), and the checks run once. Entries go when the
    /// message's text is collected.
    /// </summary>
    private static readonly ConditionalWeakTable<string, Verdict> Verdicts = [];

    /// <summary>
    /// The verdicts of the last <see cref="RecentVerdicts"/> messages by the SHA-256 of their exact text (no member's words
    /// are kept), so a message sent again (the same question from many members, a retry) is not checked again: the
    /// checks read only the text and these rules, so the verdict is the same. In memory only, never written anywhere; an
    /// entry of other rules (an earlier knowledge version, an evaluation's variant) is decided again.
    /// </summary>
    private static readonly Search.BoundedCache<UInt128, Verdict> Recent = new(RecentVerdicts);

    /// <summary>Verdicts of recent messages kept for a repeat (as many as the message-vector cache keeps vectors).</summary>
    public const int RecentVerdicts = Semantics.MessageEmbedding.RecentVectors;

    public static SafetyRules Empty { get; } = new(null, null);

    /// <summary>The example detector; null when the knowledge base runs without the sentence encoder or has no examples.</summary>
    public SemanticSafety? Examples { get; init; }

    /// <summary>The distress safety net's detector; null without the sentence encoder, distress examples or urgent.yaml's <c>distress:</c>.</summary>
    public DistressDetector? Distress { get; init; }

    /// <summary>Which detectors decide; both unless an evaluation measures one alone.</summary>
    public SafetyDetectors Detectors { get; init; } = SafetyDetectors.Both;

    /// <summary>The urgent category for a message, unless it is a request the bot refuses (offenders get no urgent help path).</summary>
    public UrgentCategoryRules? ClassifyUrgent(string message) => MatchUrgent(message)?.Category;

    /// <summary>As <see cref="ClassifyUrgent"/>, with why (the rule, or the examples).</summary>
    public UrgentMatch? MatchUrgent(string message)
    {
        var verdict = VerdictFor(message);
        return verdict.Refused ? null : verdict.Urgent;
    }

    public bool IsRefused(string message) => VerdictFor(message).Refused;

    /// <summary>
    /// The distress safety net (issue #13 item 5): the distress examples' verdict when the message reads as a member in
    /// distress (score at urgent.yaml's <c>distress.threshold</c>, or at <c>joking_threshold</c> when the lexicon reads a
    /// joke or an idiom) and is neither urgent nor refused; otherwise null.
    /// </summary>
    public ExampleVerdict? MatchDistress(string message)
    {
        if (Distress is null || Urgent?.Distress is not { } rules || !Detectors.HasFlag(SafetyDetectors.Examples)) return null;
        var verdict = VerdictFor(message);
        if (verdict.Refused || verdict.Urgent is not null) return null;
        var scored = verdict.Distress ??= Distress.Score(message);
        var reading = Urgent.Lexicon.Read(message);
        var threshold = reading.Joking || reading.Masked.Any(m => m) ? Math.Max(rules.Threshold, Urgent.JokingThreshold) : rules.Threshold;
        return scored.Score >= threshold ? scored : null;
    }

    /// <summary>Why a message is refused: the rule of refusal.yaml, or the examples' verdict; null when it is not refused.</summary>
    public (SafetyRule? Rule, ExampleVerdict? Examples)? RefusalReason(string message)
    {
        var verdict = VerdictFor(message);
        return verdict.Refused ? (verdict.RefusalRule, verdict.RefusalExamples) : null;
    }

    private bool UsesRules => Detectors.HasFlag(SafetyDetectors.Rules);

    private bool UsesExamples => Detectors.HasFlag(SafetyDetectors.Examples) && Examples is not null;

    private Verdict VerdictFor(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Verdicts.TryGetValue(message, out var known) && ReferenceEquals(known.Rules, this)) return known;
        var key = Search.MessageKey.Exact(message);
        if (!Recent.TryGet(key, out var verdict) || !ReferenceEquals(verdict.Rules, this))
        {
            verdict = Decide(message);
            Recent.Add(key, verdict);
        }

        Verdicts.AddOrUpdate(message, verdict);
        return verdict;
    }

    private Verdict Decide(string message)
    {
        if (UsesRules && Refusal?.Match(message) is { } refusalRule) return new Verdict(this, true, null, refusalRule, null);
        var urgent = UsesRules ? Urgent?.Match(message) : null;
        if (urgent is null && UsesExamples && Urgent is not null && Examples!.ScoreUrgent(message) is { } scored
            && Urgent.Category(scored.Label) is { } category && scored.Score >= ThresholdFor(category, message))
        {
            urgent = new UrgentMatch(category, null, scored);
        }

        if (urgent is not null) return new Verdict(this, false, urgent, null, null);
        if (UsesExamples && Refusal is not null && Examples!.ScoreRefusal(message) is { } refusal && Refusal.Refuses(message, refusal))
        {
            return new Verdict(this, true, null, null, refusal);
        }

        return new Verdict(this, false, null, null, null);
    }

    /// <summary>
    /// The category's threshold, raised to urgent.yaml's <see cref="UrgentRules.JokingThreshold"/> when the rules' lexicon
    /// reads the message as a joke or an everyday idiom ("i'm dead 😂", "dying to see it"), which the definitions call
    /// normal: the examples then need to be nearly sure.
    /// </summary>
    private double ThresholdFor(UrgentCategoryRules category, string message)
    {
        var reading = Urgent!.Lexicon.Read(message);
        return reading.Joking || reading.Masked.Any(m => m) ? Math.Max(category.ExampleThreshold, Urgent.JokingThreshold) : category.ExampleThreshold;
    }

    private sealed record Verdict(SafetyRules Rules, bool Refused, UrgentMatch? Urgent, SafetyRule? RefusalRule, ExampleVerdict? RefusalExamples)
    {
        /// <summary>The distress detector's score of the message (of <see cref="Rules"/>' detector), once it was asked for.</summary>
        public ExampleVerdict? Distress { get; set; }
    }
}
