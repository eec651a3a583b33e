using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>Issue #13 item 4: kb check fails when an urgent category has no one to talk to in a supported region.</summary>
public sealed class UrgentTalkToTests
{
    /// <summary>A national phone line for each supported country and the EU, and Child Helpline International's directory.</summary>
    private static List<Hotline> Directory() =>
    [
        .. SafetyRulesParser.SupportedRegions.Where(r => r != RegionCode.International).Select(r => TestHotlines.Line($"{r.ToLowerInvariant()}-line", r, "0800 000 000")),
        TestHotlines.Line("intl-child-helpline-international", RegionCode.International, null, SafetyRulesParser.HelplineDirectoryTopic),
    ];

    private static List<Diagnostic> Check(IEnumerable<string> hotlines, List<Hotline> directory)
    {
        var yaml = $"""
            reviewed: 2026-11-22
            reviewed_by: Test
            review_by: 2027-05-22
            emergency_fallback: Call your local emergency number.
            categories:
              - id: self-harm
                message: You matter.
                steps: [a, b, c]
                hotlines: [{string.Join(", ", hotlines)}]
                rules:
                  - any: [kill myself]
            """;
        var diagnostics = new DiagnosticBag();
        var known = new HotlineDirectory(directory);
        SafetyRulesParser.ParseUrgent("urgent.yaml", yaml, new DateOnly(2026, 12, 6), id => known.TryGet(id, out _), diagnostics, known);
        return [.. diagnostics.Items];
    }

    [Fact]
    public void ParseUrgent_EveryRegionHasALine_HasNoProblem()
    {
        var directory = Directory();

        Assert.Empty(Check(directory.Select(h => h.Id), directory));
    }

    [Fact]
    public void ParseUrgent_RegionWithAServiceLeftOut_FailsNamingTheRegionAndItsServices()
    {
        var directory = Directory();

        var problem = Assert.Single(Check(directory.Where(h => h.Region != "NZ").Select(h => h.Id), directory));

        Assert.True(problem.IsError);
        Assert.Contains("in NZ (hotlines.yaml has: nz-line)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUrgent_RegionWithNoServiceOfItsOwn_FallsBackToChildHelplineInternationalWithAWarning()
    {
        var directory = Directory().Where(h => h.Region != "IN").ToList();

        var problem = Assert.Single(Check(directory.Select(h => h.Id), directory));

        Assert.False(problem.IsError);
        Assert.Contains("in IN the reply falls back to intl-child-helpline-international", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUrgent_RegionWithNoServiceAndNoInternationalOne_Fails()
    {
        var directory = Directory().Where(h => h.Region != "IN").ToList();

        var problem = Assert.Single(Check(directory.Where(h => h.Region != RegionCode.International).Select(h => h.Id), directory));

        Assert.True(problem.IsError);
        Assert.Contains("no service to talk to in IN, INTL", problem.Message, StringComparison.Ordinal);
    }
}
