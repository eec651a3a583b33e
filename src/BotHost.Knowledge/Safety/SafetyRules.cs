using System.Runtime.CompilerServices;

namespace BotHost.Knowledge.Safety;

/// <summary>The safety rules of a knowledge folder; either file may be absent (then that check never fires).</summary>
public sealed record SafetyRules(UrgentRules? Urgent, RefusalRules? Refusal)
{
    /// <summary>
    /// The last verdicts per message text, keyed by the string instance: the pipeline asks about the same message in
    /// several steps (channel filter, rate limit, urgent help, refusal), and the rules run once. Entries go when the
    /// message's text is collected.
    /// </summary>
    private static readonly ConditionalWeakTable<string, Verdict> Verdicts = [];

    public static SafetyRules Empty { get; } = new(null, null);

    /// <summary>The urgent category for a message, unless it is a request the bot refuses (offenders get no urgent help path).</summary>
    public UrgentCategoryRules? ClassifyUrgent(string message) => MatchUrgent(message)?.Category;

    /// <summary>As <see cref="ClassifyUrgent"/>, with the rule that matched.</summary>
    public UrgentMatch? MatchUrgent(string message)
    {
        var verdict = VerdictFor(message);
        return verdict.Refused ? null : verdict.Urgent;
    }

    public bool IsRefused(string message) => VerdictFor(message).Refused;

    private Verdict VerdictFor(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Verdicts.TryGetValue(message, out var known) && ReferenceEquals(known.Rules, this)) return known;
        var refused = Refusal?.Matches(message) == true;
        var verdict = new Verdict(this, refused, refused ? null : Urgent?.Match(message));
        Verdicts.AddOrUpdate(message, verdict);
        return verdict;
    }

    private sealed record Verdict(SafetyRules Rules, bool Refused, UrgentMatch? Urgent);
}
