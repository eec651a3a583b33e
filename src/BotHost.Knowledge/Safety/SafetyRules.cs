namespace BotHost.Knowledge.Safety;

/// <summary>The safety rules of a knowledge folder; either file may be absent (then that check never fires).</summary>
public sealed record SafetyRules(UrgentRules? Urgent, RefusalRules? Refusal)
{
    public static SafetyRules Empty { get; } = new(null, null);

    /// <summary>The urgent category for a message, unless it is a request the bot refuses (offenders get no urgent help path).</summary>
    public UrgentCategoryRules? ClassifyUrgent(string message) => MatchUrgent(message)?.Category;

    /// <summary>As <see cref="ClassifyUrgent"/>, with the rule that matched.</summary>
    public UrgentMatch? MatchUrgent(string message) =>
        Refusal?.Matches(message) == true ? null : Urgent?.Match(message);

    public bool IsRefused(string message) => Refusal?.Matches(message) == true;
}
