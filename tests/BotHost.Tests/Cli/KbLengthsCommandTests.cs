using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary>
/// Issue #15: every reply fits one phone screen. <c>bothost kb lengths</c> asks every message of every eval set of
/// the shipped knowledge (questions, urgent and refusal sets; blind sets measured only, their rows never printed)
/// through the real pipeline, each in one of nine regions, and measures the console, Discord and Slack renderings.
/// </summary>
public sealed class KbLengthsCommandTests
{
    [Fact]
    public async Task Lengths_EveryEvalMessageOfTheShippedKnowledge_FitsOnePhoneScreenOnEveryRendering()
    {
        var (exit, output, error) = await CliRunner.RunAsync("kb", "lengths", "-k", RepositoryPaths.Knowledge);

        Assert.True(exit == ExitCodes.Success, output + error);
        var files = KbLengthsCommand.DefaultFiles(RepositoryPaths.Knowledge);
        var messages = files.Sum(f => ReplyLengthSurvey.Read(f, File.ReadAllText(f)).Count);
        Assert.True(files.Length >= 9 && messages > 2000, $"{files.Length} files, {messages} messages");
        Assert.Contains($"replies measured: {messages}\n", output, StringComparison.Ordinal);
        foreach (var rendering in new[] { "console", "discord", "slack" })
        {
            var row = output.Split('\n').Single(l => l.StartsWith(rendering + " ", StringComparison.Ordinal));
            Assert.EndsWith(" 0", row.TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_RepliesOverThePhoneScreen_NamesFileAndLineButNeverABlindMessage()
    {
        var tuned = new ReplyLengthSurvey.Case("/k/eval/questions.tsv", 7, "what is sextortion");
        var blind = new ReplyLengthSurvey.Case("/k/eval/blind-urgent.tsv", 9, "a blind message");
        ReplyLengthSurvey.Measured[] measured =
        [
            new(tuned, "GB", BotHost.Core.Messages.ReplyKind.Answer, 1250, 900, 800),
            new(blind, "US", BotHost.Core.Messages.ReplyKind.Urgent, 700, 1300, 800),
            new(tuned, "US", BotHost.Core.Messages.ReplyKind.Answer, 500, 400, 300),
        ];

        var report = ReplyLengthSurvey.Report(measured);

        Assert.Contains("console       700   1250      1\n", report, StringComparison.Ordinal);
        Assert.Contains("[GB] Answer: console 1250, discord 900, slack 800: questions.tsv:7: what is sextortion", report, StringComparison.Ordinal);
        Assert.Contains("[US] Urgent: console 700, discord 1300, slack 800: blind-urgent.tsv:9 (blind: not shown)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("a blind message", report, StringComparison.Ordinal);
    }
}
