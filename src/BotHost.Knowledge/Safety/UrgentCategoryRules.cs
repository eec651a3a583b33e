namespace BotHost.Knowledge.Safety;

/// <summary>One kind of danger in urgent.yaml: how to recognise it and the quoted reply for it.</summary>
/// <param name="Id">self-harm, immediate-danger, sextortion-threat, abuse-disclosure, trafficking, meeting-adult.</param>
/// <param name="Message">The first line of the urgent reply, quoted as written.</param>
/// <param name="Steps">Exactly three short steps.</param>
/// <param name="Hotlines">Services for this danger, best first; the reply shows the first two that serve the region.</param>
public sealed record UrgentCategoryRules(
    string Id,
    string Message,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Hotlines,
    IReadOnlyList<SafetyRule> Rules);
