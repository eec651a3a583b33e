using System.Text.Json;
using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary><c>kb check</c> at a terminal, redirected, under NO_COLOR and with <c>--json</c> (issue #17).</summary>
public sealed partial class KbCheckOutputTests : IDisposable
{
    private const char Escape = '\u001b';
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(true, null, "xterm-256color", CliStyle.Plain)]
    [InlineData(false, "1", "xterm-256color", CliStyle.Plain)]
    [InlineData(false, "", "xterm-256color", CliStyle.Rich)]
    [InlineData(false, null, "dumb", CliStyle.Plain)]
    [InlineData(false, null, "xterm-256color", CliStyle.Rich)]
    public void Detect_RedirectedNoColorOrDumbTerminal_Plain(bool redirected, string? noColor, string? term, CliStyle expected)
    {
        var style = CliStyleDetector.Detect(redirected, noColor, term);

        Assert.Equal(expected, style);
    }

    [Fact]
    public async Task Check_RichStyle_ProblemsGroupedUnderTheirFileInColour()
    {
        WriteLateArticle();

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "check", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(Escape, output);
        var plain = StripAnsi(output);
        var file = $"{_folder.Path}/articles/late.md";
        Assert.Single(plain.Split('\n'), line => line.Contains(file, StringComparison.Ordinal));
        Assert.Contains($"{file} (2 error(s), 1 warning(s))", plain, StringComparison.Ordinal);
        Assert.Contains("line   11  error    unknown hotline id 'nope'", plain, StringComparison.Ordinal);
        Assert.Contains("line    5  warning  only 2 question(s)", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PlainStyle_CompilerLinesWithoutEscapeCodes()
    {
        WriteLateArticle();

        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "check", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.DoesNotContain(Escape, output);
        Assert.Contains($"{_folder.Path}/articles/late.md:11: error: unknown hotline id 'nope'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_JsonAtATerminal_PlainJsonWithEveryProblem()
    {
        WriteLateArticle();

        var (exit, output) = await RunAsync(CliStyle.Rich, "kb", "check", _folder.Path, "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.DoesNotContain(Escape, output);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(2, root.GetProperty("errors").GetInt32());
        var hotline = Assert.Single(root.GetProperty("problems").EnumerateArray(), p => p.GetProperty("line").GetInt32() == 11);
        Assert.Equal("error", hotline.GetProperty("severity").GetString());
        Assert.Equal($"{_folder.Path}/articles/late.md", hotline.GetProperty("file").GetString());
    }

    [Fact]
    public async Task Check_JsonOnGoodKnowledge_OkWithCounts()
    {
        var (exit, output) = await RunAsync(CliStyle.Plain, "kb", "check", _folder.Path, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(3, root.GetProperty("articles").GetInt32());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }

    private void WriteLateArticle() =>
        _folder.WriteArticle(TempKnowledgeFolder.Article("late", "Late", ["a", "b"], [("S", "Text.")], hotlines: ["nope"], reviewBy: "2026-11-01"));

    private static async Task<(int Exit, string Output)> RunAsync(CliStyle style, params string[] args)
    {
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), new FakeTimeProvider(TestClock.Start), new StringReader(string.Empty), style);
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString());
    }

    private static string StripAnsi(string text) => AnsiCode().Replace(text, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex AnsiCode();
}
