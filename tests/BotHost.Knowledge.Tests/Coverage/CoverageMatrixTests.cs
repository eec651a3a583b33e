using BotHost.Knowledge.Coverage;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Coverage;

/// <summary>The coverage matrix (issue #15 item 3) over a small real knowledge folder and its coverage.yaml.</summary>
public sealed class CoverageMatrixTests : IDisposable
{
    private const string Regions = """
        emergency: warning
        emergency_reason: "the test directory has no emergency number for GB"
        regions:
          - {code: US, names: [US, United States]}
          - {code: GB, names: [UK]}
          - {code: CA, names: [Canada]}
          - {code: INTL, names: [everywhere else]}
        """;

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Build_CountryWithItsOwnLine_CellListsItAndHasNoHole()
    {
        var matrix = Load(Topic("sextortion", "articles: [sextortion]", "talk: [sextortion]", "holes: {talk: error}"));

        var us = matrix.Cell("sextortion", "US");

        Assert.Equal(["us-test-line"], us.Talk.Select(h => h.Id));
        Assert.Empty(us.Holes);
        Assert.Equal(["gb-test-line"], matrix.Cell("sextortion", "GB").Talk.Select(h => h.Id));
    }

    [Fact]
    public void Build_CountryWithoutALine_ErrorHoleAtTheTopicLine()
    {
        var matrix = Load(Topic("sextortion", "articles: [sextortion]", "talk: [sextortion]", "holes: {talk: error}"));

        var holes = matrix.Holes.Where(h => h.Topic is not null).ToList();

        Assert.Equal(["CA", "INTL"], holes.Select(h => h.Region));
        var hole = holes[0];
        Assert.Equal((CoverageNeed.Talk, HoleSeverity.Error), (hole.Need, hole.Severity));
        Assert.Equal(2, matrix.Errors);
        var diagnostic = hole.ToDiagnostic(matrix.Rules.File);
        Assert.True(diagnostic.IsError);
        Assert.Equal(LineOf("- id: sextortion"), diagnostic.Line);
        Assert.Contains("coverage sextortion [CA]: no line to talk to", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DirectoryHasALineTheArticlesDoNotList_HoleNamesIt()
    {
        var matrix = Load(Topic("grooming", "articles: [grooming-signs]", "talk: [sextortion]", "holes: {talk: error}"));

        var gb = Assert.Single(matrix.Cell("grooming", "GB").Holes);

        Assert.Contains("hotlines.yaml has gb-test-line, which no article or urgent category of the topic lists", gb.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InternationalServiceWithoutInternationalCounts_CountryCellHasAHole()
    {
        var matrix = Load(Topic("removal", "articles: [sextortion]", "report: [image-removal]", "holes: {report: error}"));

        Assert.Empty(matrix.Cell("removal", "US").Report);
        Assert.Contains(matrix.Cell("removal", "US").Holes, h => h.Need == CoverageNeed.Report);
        Assert.Equal(["intl-test-service"], matrix.Cell("removal", "INTL").Report.Select(h => h.Id));
    }

    [Fact]
    public void Build_InternationalCountsForReport_EveryCountryCellHasTheService()
    {
        var matrix = Load(Topic("removal", "articles: [sextortion]", "report: [image-removal]", "international_counts: [report]", "holes: {report: error}"));

        Assert.All(matrix.Cells, cell => Assert.Equal(["intl-test-service"], cell.Report.Select(h => h.Id)));
        Assert.Equal(0, matrix.Errors);
    }

    [Fact]
    public void Build_ExemptRegion_HoleIsAWarningWithTheReason()
    {
        var matrix = Load(Topic("sextortion", "articles: [sextortion]", "talk: [sextortion]", "holes: {talk: error}", "exempt: {CA: \"no Canadian line in the test directory\"}"));

        var hole = Assert.Single(matrix.Cell("sextortion", "CA").Holes);

        Assert.Equal(HoleSeverity.Warning, hole.Severity);
        Assert.Contains("no Canadian line in the test directory", hole.Message, StringComparison.Ordinal);
        Assert.Equal(HoleSeverity.Error, Assert.Single(matrix.Cell("sextortion", "INTL").Holes).Severity);
    }

    [Fact]
    public void Build_EmergencyNumberOnlyAsAService_NotALineToTalkTo()
    {
        _folder.WriteArticle(TempKnowledgeFolder.Article("danger", "Danger", ["q one here", "q two here", "q three here"], [("Now", "Call now.")], hotlines: ["us-test-emergency"]));

        var matrix = Load(Topic("danger", "articles: [danger]", "talk: [emergency]", "holes: {talk: error}"));

        Assert.Empty(matrix.Cell("danger", "US").Talk);
    }

    [Fact]
    public void Build_RegionWithoutEmergencyNumber_WarningAtTheRegionLine()
    {
        var matrix = Load(Topic("sextortion", "articles: [sextortion]", "talk: [sextortion]", "holes: {talk: off}"));

        var hole = Assert.Single(matrix.Holes, h => h.Region == "GB");

        Assert.Equal((CoverageNeed.Emergency, HoleSeverity.Warning), (hole.Need, hole.Severity));
        Assert.Equal(LineOf("- {code: GB"), hole.Line);
        Assert.Contains(matrix.Holes, h => h.Region == "CA" && h.Need == CoverageNeed.Emergency);
        Assert.DoesNotContain(matrix.Holes, h => h.Region is "US" or "INTL");
    }

    [Fact]
    public void Build_SectionsNameSomeRegions_OthersGetASectionHole()
    {
        _folder.WriteArticle(TempKnowledgeFolder.Article("reporting", "Reporting", ["q one here", "q two here", "q three here"],
            [("Tell us first", "Ask a trusted adult."), ("Reporting in the US", "Use the US line."), ("Reporting in the UK", "Use the UK line."), ("Everywhere else", "Find your national line.")]));

        var matrix = Load(Topic("reporting", "articles: [reporting]", "holes: {section: warning}", "reason: \"general section answers\""));

        Assert.Equal(["reporting#reporting-in-the-us"], matrix.Cell("reporting", "US").Sections.Select(s => s.Name));
        Assert.Equal(["reporting#everywhere-else"], matrix.Cell("reporting", "INTL").Sections.Select(s => s.Name));
        var hole = Assert.Single(matrix.Cell("reporting", "CA").Holes);
        Assert.Equal((CoverageNeed.Section, HoleSeverity.Warning), (hole.Need, hole.Severity));
        Assert.Empty(matrix.Cell("reporting", "GB").Holes);
    }

    [Fact]
    public void Load_UnknownArticleAndWarningWithoutReason_ErrorsAtTheirLines()
    {
        _folder.WriteFile("coverage.yaml", Regions + "\ntopics:\n" + Topic("x", "articles: [no-such-article]", "talk: [sextortion]", "holes: {talk: warning}"));

        var (matrix, diagnostics) = CoverageLoader.Load(_folder.Path, Snapshot());

        Assert.Null(matrix);
        Assert.Contains(diagnostics, d => d.IsError && d.Line == LineOf("articles: [no-such-article]") && d.Message.Contains("unknown article 'no-such-article'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.IsError && d.Message.Contains("say why in 'reason:'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownHotlineTopicAndSeverity_Errors()
    {
        _folder.WriteFile("coverage.yaml", Regions + "\ntopics:\n" + Topic("x", "articles: [sextortion]", "talk: [sextortoin]", "holes: {talk: fatal}"));

        var (_, diagnostics) = CoverageLoader.Load(_folder.Path, Snapshot());

        Assert.Contains(diagnostics, d => d.IsError && d.Message.Contains("unknown hotline topic 'sextortoin'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.IsError && d.Message.Contains("must be error, warning or off: 'fatal'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FolderWithoutCoverageFile_NoMatrixAndNoProblems()
    {
        var (matrix, diagnostics) = CoverageLoader.Load(_folder.Path, Snapshot());

        Assert.Null(matrix);
        Assert.Empty(diagnostics);
    }

    private static string Topic(string id, params string[] fields) =>
        $"  - id: {id}\n    title: Topic {id}\n" + string.Concat(fields.Select(f => $"    {f}\n"));

    private CoverageMatrix Load(string topics)
    {
        _folder.WriteFile("coverage.yaml", Regions + "\ntopics:\n" + topics);
        var (matrix, diagnostics) = CoverageLoader.Load(_folder.Path, Snapshot());
        return matrix ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
    }

    private KnowledgeSnapshot Snapshot()
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 12, 6));
        return snapshot ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
    }

    private int LineOf(string text)
    {
        var lines = File.ReadAllLines(Path.Combine(_folder.Path, "coverage.yaml"));
        return Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }
}
