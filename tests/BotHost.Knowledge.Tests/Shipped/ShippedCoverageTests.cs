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
    public void Load_ShippedCoverage_EveryUrgentCategoryIsInATopic()
    {
        var warnings = Coverage.Value.Diagnostics.Where(d => d.Message.Contains("is in no topic's 'urgent:' list", StringComparison.Ordinal));

        Assert.Empty(warnings);
    }

    [Fact]
    public void Load_UrgentCategoryLeftOutOfEveryTopic_WarnsAtTopics()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bothost-coverage-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Knowledge, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(RepositoryPaths.Knowledge, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var coverage = Path.Combine(folder, CoverageRules.FileName);
            File.WriteAllText(coverage, File.ReadAllText(coverage).Replace(", someone-else-in-danger]", "]", StringComparison.Ordinal));
            var (snapshot, _) = KnowledgeLoader.Load(folder, new DateOnly(2026, 12, 6));

            var (_, diagnostics) = CoverageLoader.Load(folder, snapshot!);

            var warning = Assert.Single(diagnostics, d => d.Message.Contains("'someone-else-in-danger' is in no topic", StringComparison.Ordinal));
            Assert.False(warning.IsError);
            Assert.Equal(Array.FindIndex(File.ReadAllLines(coverage), l => l.StartsWith("topics:", StringComparison.Ordinal)) + 1, warning.Line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_ShippedCoverage_EveryRegionHasARouteToReportAbuseMaterial()
    {
        var matrix = Assert.IsType<CoverageMatrix>(Coverage.Value.Matrix);

        Assert.All(SupportedRegions, region => Assert.NotEmpty(matrix.Cell("csam-reporting", region).Report));
    }
}
