using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>urgent.yaml's <c>distress:</c> section (issue #13 item 5): read with line-accurate problems, someone to talk to in every region.</summary>
public sealed class DistressRulesTests
{
    private static readonly HotlineDirectory Known = new(
    [
        .. SafetyRulesParser.SupportedRegions.Where(r => r != RegionCode.International).Select(r => TestHotlines.Line($"{r.ToLowerInvariant()}-line", r, "0800 000 000")),
        TestHotlines.Line("intl-child-helpline-international", RegionCode.International, null, SafetyRulesParser.HelplineDirectoryTopic),
    ]);

    private static (UrgentRules? Rules, List<Diagnostic> Diagnostics) Parse(string distress)
    {
        var all = string.Join(", ", Known.All.Select(h => h.Id));
        var yaml = $"""
            reviewed: 2026-11-22
            reviewed_by: Test
            review_by: 2027-05-22
            emergency_fallback: Call your local emergency number.
            {distress.Replace("ALL", all, StringComparison.Ordinal)}
            categories:
              - id: self-harm
                message: You matter.
                steps: [a, b, c]
                hotlines: [{all}]
                rules:
                  - any: [kill myself]
            """;
        var diagnostics = new DiagnosticBag();
        var rules = SafetyRulesParser.ParseUrgent("urgent.yaml", yaml, new DateOnly(2026, 12, 6), id => Known.TryGet(id, out _), diagnostics, Known);
        return (rules, [.. diagnostics.Items]);
    }

    [Fact]
    public void ParseUrgent_DistressSection_ReadsMessageLinesAndThreshold()
    {
        var (rules, diagnostics) = Parse("""
            distress:
              message: You are not alone.
              threshold: 0.7
              hotlines: [ALL]
            """);

        Assert.Empty(diagnostics);
        Assert.NotNull(rules?.Distress);
        Assert.Equal("You are not alone.", rules.Distress.Message);
        Assert.Equal(0.7, rules.Distress.Threshold);
        Assert.Equal(Known.All.Select(h => h.Id), rules.Distress.Hotlines);
    }

    [Fact]
    public void ParseUrgent_NoDistressSection_HasNoNet()
    {
        var (rules, diagnostics) = Parse(string.Empty);

        Assert.Empty(diagnostics);
        Assert.NotNull(rules);
        Assert.Null(rules.Distress);
    }

    [Fact]
    public void ParseUrgent_DistressWithoutARegionsLine_FailsNamingTheRegion()
    {
        var (_, diagnostics) = Parse("""
            distress:
              message: You are not alone.
              hotlines: [us-line, intl-child-helpline-international]
            """);

        var error = Assert.Single(diagnostics, d => d.IsError && d.Message.Contains("GB (hotlines.yaml has: gb-line)", StringComparison.Ordinal));
        Assert.Equal(7, error.Line);
    }

    [Theory]
    [InlineData("threshold: 1.5", "must be a number between 0 and 1")]
    [InlineData("hotlines: [ALL, no-such-line]", "unknown hotline id 'no-such-line'")]
    public void ParseUrgent_BadDistressField_FailsWithTheProblem(string field, string problem)
    {
        var (_, diagnostics) = Parse($"""
            distress:
              message: You are not alone.
              {(field.StartsWith("hotlines", StringComparison.Ordinal) ? field : field + "\n  hotlines: [ALL]")}
            """);

        Assert.Contains(diagnostics, d => d.IsError && d.Message.Contains(problem, StringComparison.Ordinal));
    }
}
