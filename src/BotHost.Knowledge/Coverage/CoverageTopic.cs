namespace BotHost.Knowledge.Coverage;

/// <summary>One row of the coverage matrix: a topic members ask about and the services its answers must offer.</summary>
public sealed record CoverageTopic
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Line of the topic in coverage.yaml: holes are reported there.</summary>
    public required int Line { get; init; }

    /// <summary>Articles that answer the topic; their hotlines and sections fill the cells.</summary>
    public required IReadOnlyList<string> Articles { get; init; }

    /// <summary>urgent.yaml categories for the topic; their hotlines are shown in urgent replies and count too.</summary>
    public IReadOnlyList<string> Urgent { get; init; } = [];

    /// <summary>Hotline topics (hotlines.yaml <c>topics:</c>) that make a service a line to talk to for this topic.</summary>
    public IReadOnlyList<string> Talk { get; init; } = [];

    /// <summary>Hotline topics that make a service a route to report to for this topic.</summary>
    public IReadOnlyList<string> Report { get; init; } = [];

    /// <summary>
    /// Needs an international service (such as Take It Down or Discord's report form) fills in a country's cell: that
    /// help works the same everywhere. For the other needs a country needs a service of its own.
    /// </summary>
    public IReadOnlyList<CoverageNeed> InternationalCounts { get; init; } = [];

    /// <summary>
    /// Regions where a hole of this topic is only a warning, each with the reason (coverage.yaml's <c>exempt:</c>):
    /// what the reference lacks there and what the replies show instead.
    /// </summary>
    public IReadOnlyDictionary<string, string> Exempt { get; init; } = new Dictionary<string, string>();

    public HoleSeverity TalkHole { get; init; }

    public HoleSeverity ReportHole { get; init; }

    public HoleSeverity SectionHole { get; init; }

    /// <summary>Why a hole of this topic is only a warning, printed with it; coverage.yaml requires one for every warning rule.</summary>
    public string? Reason { get; init; }

    /// <summary>True when a hole of any need fails: the topic is safety-critical.</summary>
    public bool SafetyCritical => TalkHole == HoleSeverity.Error || ReportHole == HoleSeverity.Error || SectionHole == HoleSeverity.Error;

    /// <summary>The severity of a hole of <paramref name="need"/> in <paramref name="region"/>, and the reason printed with a warning.</summary>
    public (HoleSeverity Severity, string? Reason) HoleIn(CoverageNeed need, string region)
    {
        var severity = need switch
        {
            CoverageNeed.Talk => TalkHole,
            CoverageNeed.Report => ReportHole,
            CoverageNeed.Section => SectionHole,
            _ => HoleSeverity.Off,
        };
        if (severity == HoleSeverity.Off) return (severity, null);
        if (Exempt.TryGetValue(region, out var why)) return (HoleSeverity.Warning, why);
        return (severity, severity == HoleSeverity.Warning ? Reason : null);
    }
}
