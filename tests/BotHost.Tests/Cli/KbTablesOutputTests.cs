using System.Text.RegularExpressions;
using BotHost.Cli;
using BotHost.Core.Analytics;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Cli;

/// <summary><c>kb eval</c> and <c>kb gaps</c> as Spectre tables at a terminal, plain when redirected (issue #17 item 4).</summary>
public sealed partial class KbTablesOutputTests : IDisposable
{
    private const char Escape = '\u001b';
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Eval_RichStyle_MissesAndFiguresAsTablesBelowTargetInRed()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tgrooming-signs\nsigns of grooming online\tgrooming-signs\n");

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "eval", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(Escape, output);
        Assert.Matches(@"\u001b\[1;(31|91)m0\.500", output);
        var plain = StripAnsi(output);
        Assert.Contains("Misses (1)", plain, StringComparison.Ordinal);
        Assert.Matches(@"│\s+1 │\s+\S+ │ what is sextortion\s+│ grooming-signs\s+│ sextortion", plain);
        Assert.Matches(@"│ recall@1\s+│\s+0\.500 │\s+0\.900 │", plain);
        Assert.DoesNotContain("recall@1=", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_PlainStyle_KeyValueLinesWithoutEscapeCodes()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\n");

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "eval", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain(Escape, output);
        Assert.Contains("recall@1=1.000 recall@3=1.000 mrr@10=1.000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_JsonAtATerminal_JsonWithoutEscapeCodes()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\n");

        var (_, output) = await RunAsync(CliStyle.Rich, "kb", "eval", "--json", "-k", _folder.Path);

        Assert.DoesNotContain(Escape, output);
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_RichStyle_ArticleAndDayTables()
    {
        var database = await RecordOneHelpfulAnswerAsync();

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "gaps", "--db", database);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(Escape, output);
        var plain = StripAnsi(output);
        Assert.Contains("Answers by article, last 30 day(s)", plain, StringComparison.Ordinal);
        Assert.Matches(@"│ sextortion\s+│\s+0 │\s+1 │\s+0 │", plain);
        Assert.Contains("Declined questions per day", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_PlainStyle_AlignedLinesWithoutEscapeCodes()
    {
        var database = await RecordOneHelpfulAnswerAsync();

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "gaps", "--db", database);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain(Escape, output);
        Assert.Matches(@"\n  sextortion\s+0\s+1\s+0\n", output);
        Assert.Contains("Declined questions per day:\n  (none)", output, StringComparison.Ordinal);
    }

    private async Task<string> RecordOneHelpfulAnswerAsync()
    {
        var database = Path.Combine(_folder.Path, "analytics.db");
        var time = new FakeTimeProvider(TestClock.Start);
        using var store = new GapAnalyticsStore(new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = database }), time), time, NullLogger<GapAnalyticsStore>.Instance);
        await store.RecordAsync("discord", "guild-1", "sextortion", helpful: true, CancellationToken.None);
        Assert.Single(store.Report(30).Articles);
        return database;
    }

    [Fact]
    public async Task Eval_SeveralFilesRedirected_SameStdoutAndNoProgress()
    {
        var (first, second) = WriteTwoEvalFiles();

        var (exit, output, error) = await RunWithErrorAsync(CliStyle.Plain, "kb", "eval", "-k", _folder.Path, "-q", first, "-q", second);
        var (_, alone, _) = await RunWithErrorAsync(CliStyle.Plain, "kb", "eval", "-k", _folder.Path, "-q", Path.Combine(_folder.Path, "eval", "both.tsv"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(WithoutLatency(alone), WithoutLatency(output)); // the only line that differs between two runs
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain(Escape, error);
        Assert.DoesNotContain("kb eval:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_SeveralFilesAtATerminal_ProgressOnStderrOnly()
    {
        var (first, second) = WriteTwoEvalFiles();

        var (exit, output, error) = await RunWithErrorAsync(CliStyle.Rich, "kb", "eval", "-k", _folder.Path, "-q", first, "-q", second);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("kb eval: 2 questions from 2 file(s)", error, StringComparison.Ordinal);
        Assert.Contains(Escape, error);
        Assert.DoesNotContain("kb eval:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_SeveralFilesJsonAtATerminal_NoProgressAndPlainJson()
    {
        var (first, second) = WriteTwoEvalFiles();

        var (_, output, error) = await RunWithErrorAsync(CliStyle.Rich, "kb", "eval", "--json", "-k", _folder.Path, "-q", first, "-q", second);

        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain(Escape, error);
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_CalibrateAtATerminal_ProgressOnStderr()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\nsigns of grooming online\tgrooming-signs\n");

        var (_, output, error) = await RunWithErrorAsync(CliStyle.Rich, "kb", "eval", "--calibrate", "--report-only", "-k", _folder.Path);

        Assert.Contains("calibrate: 2 questions", error, StringComparison.Ordinal);
        Assert.Contains("calibrated: intercept=", output, StringComparison.Ordinal);
        Assert.DoesNotContain("calibrate: 2 questions", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_CalibrateRedirected_NoEscapeCodesAnywhere()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\nsigns of grooming online\tgrooming-signs\n");

        var (_, output, error) = await RunWithErrorAsync(CliStyle.Plain, "kb", "eval", "--calibrate", "--report-only", "-k", _folder.Path);

        Assert.Contains("calibrated: intercept=", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain(Escape, error);
        Assert.DoesNotContain("calibrate:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_AblationAtATerminal_ProgressOnStderrAndTheRowsOnStdout()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\n");

        var (_, output, error) = await RunWithErrorAsync(CliStyle.Rich, "kb", "eval", "--ablation", "-k", _folder.Path);

        Assert.Contains("ablation: ", error, StringComparison.Ordinal);
        Assert.Contains("configurations, 1 questions each", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ablation: ", output, StringComparison.Ordinal);
        Assert.Contains("none (plain bm25)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_AblationRedirected_RowsInOrderAndNoProgress()
    {
        _folder.WriteFile("eval/questions.tsv", "what is sextortion\tsextortion\n");

        var (_, output, error) = await RunWithErrorAsync(CliStyle.Plain, "kb", "eval", "--ablation", "-k", _folder.Path);

        var rows = output[output.IndexOf("configuration ", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[..line.IndexOf("  ", StringComparison.Ordinal)]).ToList();
        var without = Enum.GetValues<BotHost.Knowledge.Search.SearchFeatures>()
            .Where(f => f is not BotHost.Knowledge.Search.SearchFeatures.None and not BotHost.Knowledge.Search.SearchFeatures.All)
            .Select(f => $"without {f}");
        Assert.Equal(["configuration", "all techniques", .. without, "none (plain bm25)"], rows);
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain("ablation:", error, StringComparison.Ordinal);
    }

    private (string First, string Second) WriteTwoEvalFiles()
    {
        _folder.WriteFile("eval/first.tsv", "what is sextortion\tsextortion\n");
        _folder.WriteFile("eval/second.tsv", "signs of grooming online\tgrooming-signs\n");
        _folder.WriteFile("eval/both.tsv", "what is sextortion\tsextortion\nsigns of grooming online\tgrooming-signs\n");
        return (Path.Combine(_folder.Path, "eval", "first.tsv"), Path.Combine(_folder.Path, "eval", "second.tsv"));
    }

    private static async Task<(int Exit, string Output)> RunAsync(CliStyle style, params string[] args)
    {
        var (exit, output, _) = await RunWithErrorAsync(style, args);
        return (exit, output);
    }

    private static async Task<(int Exit, string Output, string Error)> RunWithErrorAsync(CliStyle style, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(output, error, new FakeTimeProvider(TestClock.Start), new StringReader(string.Empty), style);
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    private static string WithoutLatency(string text) => LatencyLine().Replace(text, string.Empty);

    [GeneratedRegex(@"^latency_us .*\n", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    private static string StripAnsi(string text) => AnsiCodes().Replace(text, string.Empty);

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex AnsiCodes();
}
