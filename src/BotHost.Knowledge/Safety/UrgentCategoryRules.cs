namespace BotHost.Knowledge.Safety;

/// <summary>One kind of danger in urgent.yaml: how to recognise it and the quoted reply for it.</summary>
/// <param name="Id">One of the urgent category ids (see knowledge/README.md).</param>
/// <param name="Message">The first line of the urgent reply, quoted as written.</param>
/// <param name="Steps">Exactly three short steps.</param>
/// <param name="Hotlines">Services for this danger, best first; the reply shows the first two that serve the region.</param>
public sealed record UrgentCategoryRules(
    string Id,
    string Message,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Hotlines,
    IReadOnlyList<SafetyRule> Rules)
{
    /// <summary>The example detector's urgent score from which a message predicted in this category is urgent.</summary>
    public double ExampleThreshold { get; init; } = SemanticSafety.DefaultThreshold;
}
