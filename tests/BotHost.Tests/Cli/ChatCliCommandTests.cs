using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary><c>bothost chat</c>'s layouts and session history (issue #17 item 4).</summary>
public sealed class ChatCliCommandTests : IDisposable
{
    private const char Escape = '\u001b';
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Chat_PlainStyle_PrintsTheAskLayoutWithoutEscapeCodes()
    {
        var (_, asked, _) = await CliRunner.RunAsync("ask", "where to report csam", "-k", _folder.Path);

        var (exit, output) = await RunAsync(CliStyle.Plain, "where to report csam\n", "chat", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain('╭', output);
        Assert.Contains(asked, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_RichStyle_QuotesInAPanelHeadedByArticle()
    {
        var (exit, output) = await RunAsync(CliStyle.Rich, "where to report csam\n", "chat", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(Escape, output);
        Assert.Contains('╭', output);
        Assert.Contains("Reporting child sexual abuse material — ", output, StringComparison.Ordinal);
        Assert.Contains("Source: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_HistoryThenRecall_ListsTheSessionsQuestionsAndAnswersAgain()
    {
        var (exit, output) = await RunAsync(CliStyle.Plain, "where to report csam\nhotlines gb\nhistory\n!1\n", "chat", "-k", _folder.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("  1. where to report csam\n  2. hotlines gb\n", output, StringComparison.Ordinal);
        var quote = "Reporting child sexual abuse material — ";
        Assert.Equal(2, output.Split(quote).Length - 1);
    }

    private static async Task<(int Exit, string Output)> RunAsync(CliStyle style, string input, params string[] args)
    {
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), new FakeTimeProvider(TestClock.Start), new StringReader(input), style);
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString());
    }
}
