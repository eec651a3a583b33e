using BotHost.Knowledge.Coverage;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Shipped;

/// <summary>The shipped coverage matrix (knowledge/coverage.yaml): the targets of issue #15 item 3.</summary>
public sealed class ShippedCoverageTests
{
    private static readonly string[] SupportedRegions = ["US", "GB", "CA", "AU", "IE", "NZ", "IN", "EU", "INTL"];

    private static readonly Lazy<(CoverageMatrix? Matrix, IReadOnlyList<BotHost.Knowledge.Validation.Diagnostic> Diagnostics)> Coverage = new(() =>
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, new DateOnly(2026, 12, 6));
        return CoverageLoader.Load(RepositoryPaths.Knowledge, snapshot ?? throw new InvalidOperationException(string.Join('\n', diagnostics)));
    });

    [Fact]
    public void Load_ShippedCoverage_EverySupportedRegionIsAColumn()
    {
        var matrix = Assert.IsType<CoverageMatrix>(Coverage.Value.Matrix);

        Assert.Equal(SupportedRegions, matrix.Rules.Regions.Select(r => r.Code));
    }

    [Fact]
    public void Load_ShippedCoverage_NoErrorHoleInAnySafetyCriticalTopic()
    {
        var errors = Coverage.Value.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("crisis")]
    [InlineData("sexual-assault")]
    [InlineData("domestic-violence")]
    [InlineData("sextortion")]
    public void Load_ShippedCoverage_SafetyCriticalTalkTopicHasALineInEveryRegion(string topic)
    {
        var matrix = Assert.IsType<CoverageMatrix>(Coverage.Value.Matrix);

        Assert.All(SupportedRegions, region => Assert.NotEmpty(matrix.Cell(topic, region).Talk));
    }

    [Fact]
    public void Load_ShippedCoverage_EveryRegionHasARouteToReportAbuseMaterial()
    {
        var matrix = Assert.IsType<CoverageMatrix>(Coverage.Value.Matrix);

        Assert.All(SupportedRegions, region => Assert.NotEmpty(matrix.Cell("csam-reporting", region).Report));
    }
}
