using BotHost.Core.Console;

namespace BotHost.Core.Tests.Console;

public sealed class ChatHistoryTests
{
    [Fact]
    public void Add_MoreThanCapacity_KeepsOnlyTheNewest()
    {
        var history = new ChatHistory(capacity: 3);

        for (var i = 1; i <= 100_000; i++) history.Add($"question {i}");

        Assert.Equal(["question 99998", "question 99999", "question 100000"], history.Questions);
    }

    [Fact]
    public void Add_SameQuestionTwiceInARow_KeptOnce()
    {
        var history = new ChatHistory();

        history.Add("what is sextortion");
        history.Add("what is sextortion");

        Assert.Single(history.Questions);
    }

    [Theory]
    [InlineData("!!", true, "second")]
    [InlineData("!1", true, "first")]
    [InlineData("!2", true, "second")]
    [InlineData("!3", false, "")]
    [InlineData("!0", false, "")]
    [InlineData("!99999999999999999999", false, "")]
    public void TryRecall_BangNumber_ReturnsThatQuestionOrFalse(string line, bool found, string expected)
    {
        var history = new ChatHistory();
        history.Add("first");
        history.Add("second");

        var recalled = history.TryRecall(line, out var question);

        Assert.Equal(found, recalled);
        Assert.Equal(expected, question);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("!important question")]
    [InlineData("help!")]
    public void IsRecall_OrdinaryText_False(string line) => Assert.False(ChatHistory.IsRecall(line));

    [Fact]
    public async Task RunAsync_HistoryAndRecall_ListsQuestionsAndAsksAgainWithoutGrowingPastCapacity()
    {
        using var fixture = new PipelineFixture();
        var adapter = new ConsoleAdapter(fixture.Pipeline, fixture.Time);
        var history = new ChatHistory(capacity: 2);
        var output = new StringWriter();
        var replies = 0;

        await adapter.RunAsync(
            new StringReader("signs of grooming online\nhotlines\nwhat is sextortion\nhistory\n!1\n!9\n"),
            output,
            history,
            (_, _) => Task.FromResult(++replies),
            CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("  1. hotlines\n  2. what is sextortion\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1. signs of grooming online", text, StringComparison.Ordinal);
        Assert.Contains("No such question in this session", text, StringComparison.Ordinal);
        Assert.Equal(4, replies);
        Assert.Equal(["what is sextortion", "hotlines"], history.Questions);
    }
}
