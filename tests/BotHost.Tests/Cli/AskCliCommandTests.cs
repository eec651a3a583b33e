using System.Text.Json;
using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

public sealed class AskCliCommandTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    [Fact]
    public async Task Ask_Question_PrintsTheReplyAsReadInChat()
    {
        var (exit, output, _) = await CliRunner.RunAsync("ask", "someone is threatening to share my nudes", "--region", "US", "--knowledge", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("> Someone is threatening to share my photos — ", output, StringComparison.Ordinal);
        Assert.Contains("Source: Test source", output, StringComparison.Ordinal);
        Assert.Contains("Test Line (US): Call 1-800-555-0100", output, StringComparison.Ordinal);
        Assert.DoesNotContain("UK Test Line", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Json_PrintsEveryFieldOfTheReply()
    {
        var (exit, output, _) = await CliRunner.RunAsync("ask", "where to report csam", "--json", "-k", _folder.Path);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Answer", json.RootElement.GetProperty("kind").GetString());
        var passage = json.RootElement.GetProperty("blocks")[0];
        Assert.Equal("passage", passage.GetProperty("type").GetString());
        Assert.Equal("report-csam", passage.GetProperty("passage").GetProperty("article_id").GetString());
        Assert.True(passage.GetProperty("passage").GetProperty("snippet").GetProperty("highlights").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Ask_UnknownRegion_FailsWithOneLine()
    {
        var (exit, _, error) = await CliRunner.RunAsync("ask", "hello", "--region", "Narnia", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("bothost: 'Narnia' is not a region: use an ISO country code such as US or GB, EU, or INTL (run 'bothost --help' for usage)", error.Trim());
    }

    [Fact]
    public async Task Ask_MissingFolder_FailsWithOneLine()
    {
        var (exit, _, error) = await CliRunner.RunAsync("ask", "hello", "-k", "/no/such/folder");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal("bothost: knowledge folder not found: /no/such/folder (use --knowledge DIR)", error.Trim());
    }

    [Fact]
    public async Task Ask_InvalidKnowledge_PointsToKbCheck()
    {
        _folder.WriteFile("articles/broken.md", "no front matter\n");

        var (exit, _, error) = await CliRunner.RunAsync("ask", "hello", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"has 1 error(s); run 'bothost kb check {_folder.Path}'", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task UnknownFlag_FailsWithOneLine()
    {
        var (exit, _, error) = await CliRunner.RunAsync("ask", "hello", "--bogus");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Lines_AreAnsweredUntilEndOfInput()
    {
        var (exit, output, _) = await CliRunner.RunWithInputAsync("where to report csam\nhotlines gb\n", "chat", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Reporting child sexual abuse material", output, StringComparison.Ordinal);
        Assert.Contains("Services for GB", output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
