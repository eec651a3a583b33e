using BotHost.Knowledge.Hotlines;

namespace BotHost.Knowledge.Coverage;

/// <summary>What the answers of one topic offer a member in one region.</summary>
/// <param name="Talk">Lines to talk to that count for the region (see <see cref="CoverageNeed.Talk"/>).</param>
/// <param name="Report">Routes to report to that count for the region.</param>
/// <param name="Sections">Sections whose heading names the region.</param>
/// <param name="Holes">What the cell lacks, with the severity coverage.yaml gives it (only holes that are checked).</param>
public sealed record CoverageCell(
    CoverageTopic Topic,
    string Region,
    IReadOnlyList<Hotline> Talk,
    IReadOnlyList<Hotline> Report,
    IReadOnlyList<CoverageSection> Sections,
    IReadOnlyList<CoverageHole> Holes)
{
    /// <summary>The worst hole of the cell, or <see cref="HoleSeverity.Off"/> when it has none.</summary>
    public HoleSeverity Worst => Holes.Count == 0 ? HoleSeverity.Off : Holes.Max(h => h.Severity);

    /// <summary>Short text for one cell of a plain table: counts of lines to talk to, report routes and sections, then ! for an error hole and ? for a warning.</summary>
    public string Summary => $"T{Talk.Count} R{Report.Count} S{Sections.Count}{Mark}";

    /// <summary>! for an error hole, ? for a warning hole, nothing when the cell has no hole.</summary>
    public string Mark => Worst switch { HoleSeverity.Error => "!", HoleSeverity.Warning => "?", _ => string.Empty };
}
