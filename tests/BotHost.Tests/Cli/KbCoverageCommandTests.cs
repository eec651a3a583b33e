using System.Text.Json;
using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary><c>bothost kb coverage</c> and the coverage holes in <c>kb check</c> (issue #15 item 3).</summary>
public sealed class KbCoverageCommandTests : IDisposable
{
    private const char Escape = '\u001b';

    private const string Coverage = """
        emergency: off
        regions:
          - {code: US, names: [US]}
          - {code: GB, names: [UK]}
          - {code: CA, names: [Canada]}
        topics:
          - id: sextortion
            title: Sextortion
            articles: [sextortion]
            talk: [sextortion]
            holes: {talk: error}
          - id: removal
            title: Image removal
            articles: [sextortion]
            report: [image-removal]
            international_counts: [report]
            holes: {report: error}
        """;

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Coverage_ErrorHole_PlainMatrixAndFileLineProblemAndFails()
    {
        _folder.WriteFile("coverage.yaml", Coverage);

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "coverage", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.DoesNotContain(Escape, output);
        var lines = output.Split('\n');
        Assert.Matches(@"^topic\s+US\s+GB\s+CA$", lines[0]);
        Assert.Matches(@"^sextortion\s+T1 R0 S0\s+T1 R0 S0\s+T0 R0 S0!$", lines[1]);
        Assert.Matches(@"^removal\s+T0 R1 S0\s+T0 R1 S0\s+T0 R1 S0$", lines[2]);
        Assert.Contains($"{_folder.Path}/coverage.yaml:7: error: coverage sextortion [CA]: no line to talk to (sextortion)", output, StringComparison.Ordinal);
        Assert.Contains("2 topics x 3 regions, 1 error(s), 0 warning(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_NoErrorHole_Succeeds()
    {
        _folder.WriteFile("coverage.yaml", Coverage.Replace("holes: {talk: error}", "holes: {talk: warning}\n    reason: \"no Canadian line in the test directory\"", StringComparison.Ordinal));

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "coverage", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("warning: coverage sextortion [CA]: no line to talk to (sextortion); hotlines.yaml has none for it (a warning: no Canadian line in the test directory)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_RichStyle_SpectreTableWithColour()
    {
        _folder.WriteFile("coverage.yaml", Coverage);

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "coverage", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(Escape, output);
        Assert.Contains("Coverage: topics x regions", output, StringComparison.Ordinal);
        Assert.Contains('╭', output);
        Assert.Contains("T0 R0 S0!", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_RichStyleOnANarrowTerminal_CompactCells()
    {
        _folder.WriteFile("coverage.yaml", Coverage);
        var output = new StringWriter();
        var console = SpectreOutput.Create(output);
        console.Profile.Width = 80;
        var (snapshot, _) = BotHost.Knowledge.KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 12, 6));
        var (matrix, diagnostics) = BotHost.Knowledge.Coverage.CoverageLoader.Load(_folder.Path, snapshot!);

        new KbCoverageReport(matrix, diagnostics).WriteRich(console);

        Assert.Contains("0/0/0!", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("cell: talk/report/sections", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_Json_EveryCellWithItsServicesAndHoles()
    {
        _folder.WriteFile("coverage.yaml", Coverage);

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "coverage", _folder.Path, "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.DoesNotContain(Escape, output);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(1, root.GetProperty("errors").GetInt32());
        var topic = root.GetProperty("topics")[0];
        Assert.True(topic.GetProperty("safety_critical").GetBoolean());
        var cells = topic.GetProperty("cells");
        Assert.Equal("gb-test-line", cells.GetProperty("GB").GetProperty("talk")[0].GetString());
        var hole = cells.GetProperty("CA").GetProperty("holes")[0];
        Assert.Equal(("talk", "error"), (hole.GetProperty("need").GetString(), hole.GetProperty("severity").GetString()));
        var problem = Assert.Single(root.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        Assert.EndsWith("coverage.yaml", problem.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("line").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Coverage_FolderWithoutCoverageFile_UsageError()
    {
        var (exit, output, error) = await CliRunner.RunAsync("kb", "coverage", _folder.Path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Contains("coverage.yaml not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CoverageErrorHole_ReportedAndFails()
    {
        _folder.WriteFile("coverage.yaml", Coverage);

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "check", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"{_folder.Path}/coverage.yaml:7: error: coverage sextortion [CA]", output, StringComparison.Ordinal);
        Assert.EndsWith($"{_folder.Path}: 1 error(s), 0 warning(s)", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BrokenCoverageFile_ErrorAtItsLine()
    {
        _folder.WriteFile("coverage.yaml", Coverage.Replace("articles: [sextortion]\n    talk", "articles: [sextortoin]\n    talk", StringComparison.Ordinal));

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "check", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"{_folder.Path}/coverage.yaml:9: error: topics[1].articles: unknown article 'sextortoin'", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(CliStyle style, params string[] args)
    {
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), new FakeTimeProvider(TestClock.Start), new StringReader(string.Empty), style);
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString());
    }
}
