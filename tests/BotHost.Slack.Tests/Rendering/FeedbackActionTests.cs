using BotHost.Core.Messages;
using BotHost.Slack.Rendering;

namespace BotHost.Slack.Tests.Rendering;

public sealed class FeedbackActionTests
{
    [Fact]
    public void Parse_ValueOfOwnButton_RoundTrips()
    {
        var value = FeedbackAction.Value(new FeedbackTarget("grooming-signs", ReplyKind.Answer))!;

        var parsed = FeedbackAction.Parse(FeedbackAction.NotHelpfulActionId, value);

        Assert.Equal("answer:grooming-signs", value);
        Assert.Equal(new FeedbackAction(false, new FeedbackTarget("grooming-signs", ReplyKind.Answer)), parsed);
    }

    [Theory]
    [InlineData("bothost_feedback_helpful", null)]
    [InlineData("bothost_feedback_helpful", "answer")]
    [InlineData("bothost_feedback_helpful", ":sextortion")]
    [InlineData("bothost_feedback_helpful", "nonsense:sextortion")]
    [InlineData("bothost_feedback_helpful", "answer:../../etc")]
    [InlineData("bothost_feedback_helpful", "answer:has space")]
    [InlineData("bothost_feedback_helpful", "42:sextortion")]
    [InlineData("bothost_hotline_0", "answer:sextortion")]
    [InlineData("a", "underlying")]
    public void Parse_NotOurWellFormedButton_Null(string actionId, string? value)
    {
        Assert.Null(FeedbackAction.Parse(actionId, value));
    }
}
