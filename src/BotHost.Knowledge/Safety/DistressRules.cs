namespace BotHost.Knowledge.Safety;

/// <summary>
/// urgent.yaml's <c>distress:</c> section, the distress safety net (issue #13 item 5): what a member gets, privately,
/// when their message reads as distress (<see cref="DistressDetector"/>) but fits no urgent category.
/// </summary>
/// <param name="Message">The first line of the reply, quoted as written.</param>
/// <param name="Hotlines">Lines to talk to, best first (hotlines.yaml ids); the reply shows the first two that serve the region.</param>
public sealed record DistressRules(string Message, IReadOnlyList<string> Hotlines)
{
    /// <summary>The distress score (0 to 1) from which a message reads as distress.</summary>
    public double Threshold { get; init; } = SemanticSafety.DefaultThreshold;
}
