using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Tests.Console;

public sealed class ConsoleAdapterTests
{
    [Fact]
    public async Task RunAsync_QuestionsThenQuit_AnswersEachAndStops()
    {
        using var fixture = new PipelineFixture();
        var adapter = new ConsoleAdapter(fixture.Pipeline, fixture.Time);
        var output = new StringWriter();

        await adapter.RunAsync(new StringReader("signs of grooming online\n\nhotlines\nquit\nwhat is sextortion\n"), output, CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("Warning signs of online grooming — ", text, StringComparison.Ordinal);
        Assert.Contains("Services for US", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sextortion", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AskAsync_ConsoleMessage_IsPrivateConversationFromTheConsole()
    {
        using var fixture = new PipelineFixture();
        var adapter = new ConsoleAdapter(fixture.Pipeline, fixture.Time);

        var reply = await adapter.AskAsync("what is sextortion", CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public void Render_Answer_ShowsQuoteSourceReviewDateAndHotlines()
    {
        using var fixture = new PipelineFixture();
        var passage = fixture.Knowledge.Quote("sextortion", 1)!;
        var hotline = fixture.Knowledge.Hotlines.All.First(h => h.Id == "us-test-line");
        var reply = new Reply
        {
            Kind = ReplyKind.Answer,
            Visibility = ReplyVisibility.Private,
            Blocks = [new PassageBlock(passage), new HotlinesBlock("Where to get help", [hotline])],
        };

        var text = ConsoleReplyRenderer.Render(reply);

        Assert.Contains("(sent privately to the asker; the channel would see: \"I've sent you some resources privately.\")", text, StringComparison.Ordinal);
        Assert.Contains("  Do not pay and stop replying.", text, StringComparison.Ordinal);
        Assert.Contains("  Source: Test source, Test Publisher, 2024-01-01 <https://example.org/source>", text, StringComparison.Ordinal);
        Assert.Contains("  Last reviewed 2026-11-01", text, StringComparison.Ordinal);
        Assert.Contains("  • Test Line (US): Call 1-800-555-0100 (1-800-555-TEST) · https://example.org/report · 24/7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_TextLineWithKeyword_SaysWhatToText()
    {
        var hotline = new Hotline
        {
            Id = "x",
            Name = "Line",
            Operator = "Op",
            Region = "US",
            Topics = [],
            Sms = new HotlineSms("233733", "BEFREE"),
            Confidence = "verified",
            Verified = new DateOnly(2026, 11, 1),
            Source = new Uri("https://example.org"),
        };

        Assert.Equal("Line (US): Text BEFREE to 233733", HotlineContact.Describe(hotline));
    }
}
