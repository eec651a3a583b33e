using System.Diagnostics.Metrics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Tests.Pipeline;

public sealed class MessagePipelineTests
{
    [Fact]
    public async Task HandleAsync_SensitiveQuestion_AnswersPrivatelyWithSourcesAndHotlines()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("someone is threatening to share my nudes unless i pay");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal("sextortion", Assert.IsType<PassageBlock>(reply.Blocks[0]).Passage.ArticleId);
        Assert.Contains(reply.Blocks, b => b is HotlinesBlock h && h.Hotlines.Any(x => x.Id == "us-test-line"));
        Assert.Equal(new FeedbackTarget("sextortion", ReplyKind.Answer), reply.Feedback);
    }

    [Fact]
    public async Task HandleAsync_NonSensitiveAnswer_IsPublicUnlessCommunityIsPrivateByDefault()
    {
        using var open = new PipelineFixture();
        using var closed = new PipelineFixture(new CommunitySettings { Region = "US", PrivateByDefault = true });

        var publicReply = await open.SendAsync("signs of grooming online");
        var privateReply = await closed.SendAsync("signs of grooming online");

        Assert.Equal(ReplyVisibility.Public, publicReply.Visibility);
        Assert.Equal(ReplyVisibility.Private, privateReply.Visibility);
    }

    [Fact]
    public async Task HandleAsync_OffTopic_DeclinesWithGeneralHelp()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("what's the best fortnite skin");

        Assert.Equal(ReplyKind.Declined, reply.Kind);
        Assert.Equal(BotTexts.Declined, Assert.IsType<TextBlock>(reply.Blocks[0]).Text);
        Assert.Equal(["us-test-line", "intl-test-service"], Assert.IsType<HotlinesBlock>(reply.Blocks[1]).Hotlines.Select(h => h.Id));
        Assert.Null(reply.Feedback);
    }

    [Fact]
    public async Task HandleAsync_HotlinesCommandWithRegion_ListsThatRegionThenInternational()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("gb", MessageSource.Command, "hotlines");

        var block = Assert.IsType<HotlinesBlock>(Assert.Single(reply.Blocks));
        Assert.Equal(ReplyKind.Hotlines, reply.Kind);
        Assert.Equal(BotTexts.HotlinesTitle("GB"), block.Title);
        Assert.Equal(["gb-test-line", "intl-test-service"], block.Hotlines.Select(h => h.Id));
    }

    [Fact]
    public async Task HandleAsync_HotlinesCommandWithUnknownRegion_NamesTheKnownOnes()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("hotlines narnia");

        Assert.Equal(BotTexts.UnknownRegion(["GB", "US"]), Assert.IsType<TextBlock>(Assert.Single(reply.Blocks)).Text);
    }

    [Fact]
    public async Task HandleAsync_HotlinesCommandWithTextForARegion_PrivateReplyThatNeverRepeatsIt()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("call 555-0100 for help", MessageSource.Command, "hotlines");

        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.DoesNotContain("555", Assert.IsType<TextBlock>(Assert.Single(reply.Blocks)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cap_TextLongerThanTheCap_KeepsTheStartWithoutSplittingASurrogatePair()
    {
        var text = new string('a', 1_999) + "😭" + new string('b', 100_000);

        var capped = MessagePipeline.Cap(text, 2_000);

        Assert.Equal(new string('a', 1_999), capped);
        Assert.Equal(2_000, MessagePipeline.Cap(new string('c', 3_000), 2_000).Length);
    }

    [Fact]
    public async Task HandleAsync_QuestionFarOverTheCap_StillAnswersFromItsStart()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("someone is threatening to share my pics " + new string('x', 1_000_000));

        Assert.NotEqual(ReplyKind.Error, reply.Kind);
    }

    [Fact]
    public async Task HandleAsync_AboutWithoutAboutArticle_UsesFixedDescription()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync(string.Empty, MessageSource.Command, "about");

        Assert.Equal(ReplyKind.About, reply.Kind);
        Assert.Equal(BotTexts.AboutFallback, Assert.IsType<TextBlock>(Assert.Single(reply.Blocks)).Text);
    }

    [Fact]
    public async Task HandleAsync_EmptyAsk_ExplainsHowToAsk()
    {
        using var fixture = new PipelineFixture();

        var reply = await fixture.SendAsync("  ", MessageSource.Command, "ask");

        Assert.Equal(ReplyKind.Help, reply.Kind);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrows_RepliesWithErrorAndLogsWithoutTheText()
    {
        const string secret = "my secret words 12345";
        using var fixture = new PipelineFixture(extraHandlers: [new ThrowingHandler(secret)]);

        var reply = await fixture.SendAsync(secret);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Empty(fixture.Logs.Containing(secret, LogLevel.Trace));
    }

    [Fact]
    public async Task HandleAsync_AnyMessage_NeverLogsTheMemberText()
    {
        const string question = "someone is threatening to share my nudes unless i pay";
        using var fixture = new PipelineFixture();

        await fixture.SendAsync(question);
        await fixture.SendAsync("off topic banana bread recipe");

        Assert.NotEmpty(fixture.Logs.Entries);
        Assert.Empty(fixture.Logs.Containing("nudes", LogLevel.Trace));
        Assert.Empty(fixture.Logs.Containing("banana", LogLevel.Trace));
    }

    [Fact]
    public async Task HandleAsync_Reply_IsCountedByKindInMetrics()
    {
        using var fixture = new PipelineFixture();
        var kinds = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == fixture.Metrics.Meter && instrument.Name == "bothost_replies") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind") kinds.Add((string)tag.Value!);
            }
        });
        listener.Start();

        await fixture.SendAsync("signs of grooming online");
        await fixture.SendAsync("banana bread");

        Assert.Equal(["answer", "declined"], kinds);
    }

    private sealed class ThrowingHandler(string text) : IMessageHandler
    {
        public int Order => HandlerOrder.Commands - 1;

        public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("handler bug while processing (no member text here)" + (text.Length > 1000 ? text : string.Empty));
    }
}
