namespace BotHost.Knowledge.Coverage;

/// <summary>knowledge/coverage.yaml: the regions and topics of the coverage matrix and what each cell must hold.</summary>
/// <param name="File">The file as messages name it.</param>
/// <param name="EmergencyHole">What a country without an emergency number in hotlines.yaml is.</param>
/// <param name="EmergencyReason">Why that is only a warning, printed with it.</param>
public sealed record CoverageRules(
    string File,
    IReadOnlyList<CoverageRegion> Regions,
    IReadOnlyList<CoverageTopic> Topics,
    HoleSeverity EmergencyHole,
    string? EmergencyReason)
{
    public const string FileName = "coverage.yaml";
}
