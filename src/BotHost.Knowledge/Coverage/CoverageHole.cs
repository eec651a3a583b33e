using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Coverage;

/// <summary>Something a member in a region does not get from a topic's answers.</summary>
/// <param name="Topic">Null for a region-wide hole (no emergency number).</param>
/// <param name="Line">Line in coverage.yaml the hole is reported at (the topic's, or the region's).</param>
public sealed record CoverageHole(CoverageTopic? Topic, string Region, CoverageNeed Need, HoleSeverity Severity, string Message, int Line)
{
    public Diagnostic ToDiagnostic(string file) =>
        new(file, Line, Severity == HoleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, Message);
}
