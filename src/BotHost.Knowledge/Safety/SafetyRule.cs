namespace BotHost.Knowledge.Safety;

/// <summary>
/// One rule: it fires when every group in <see cref="All"/> has a phrase in the message (in any order, not negated,
/// not inside an idiom) and no phrase of <see cref="None"/> is there. A <see cref="Soft"/> rule (a phrase that is
/// also an everyday exaggeration, "i want to die") does not fire when the message is joking.
/// </summary>
public sealed record SafetyRule(IReadOnlyList<IReadOnlyList<SafetyPattern>> All, IReadOnlyList<SafetyPattern> None, bool Soft, int Line)
{
    public bool IsMatch(SafetyReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (Soft && reading.Joking) return false;

        // Loops rather than LINQ over closures: every message is read against every rule, before each answer.
        foreach (var pattern in None)
        {
            if (pattern.IsMatch(reading.Text, reading.Masked)) return false;
        }

        foreach (var group in All)
        {
            if (!AnyMatches(group, reading)) return false;
        }

        return true;
    }

    private static bool AnyMatches(IReadOnlyList<SafetyPattern> group, SafetyReading reading)
    {
        foreach (var pattern in group)
        {
            if (pattern.IsMatchNotNegated(reading)) return true;
        }

        return false;
    }
}
