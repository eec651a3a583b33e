using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Knowledge;
using BotHost.Knowledge.Articles;
using BotHost.Testing;
using BotHost.Testing.Semantics;

namespace BotHost.Core.Tests.Safety;

/// <summary>The shipped knowledge base with the sentence encoder, loaded once for the distress handler's tests.</summary>
public sealed class DistressKnowledgeFixture : IDisposable
{
    public DistressKnowledgeFixture()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = RepositoryPaths.Knowledge, Embedder = SharedEncoder.Embedder }, new FakeTimeProvider(TestClock.Start));
        Knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    public KnowledgeBase Knowledge { get; }

    public void Dispose() => Knowledge.Dispose();
}

/// <summary>The distress safety net in the real pipeline (issue #13 item 5), on messages written for these tests.</summary>
public sealed class DistressHandlerTests(DistressKnowledgeFixture fixture) : IClassFixture<DistressKnowledgeFixture>, IDisposable
{
    private const string Distress = "my exams start tomorrow and im panicking so bad i cant think straight";
    private readonly RecordingLoggerProvider _logs = new();
    private readonly RecordingAlerter _alerter = new();
    private readonly BotMetrics _metrics = new();

    private MessagePipeline Pipeline(string region) => new(
        [
            new CommandHandler(), new UrgentHandler([_alerter], _logs.CreateLogger<UrgentHandler>()), new RefusalHandler(_logs.CreateLogger<RefusalHandler>()),
            new DistressHandler(_logs.CreateLogger<DistressHandler>()), new AskHandler(),
        ],
        new FixedKnowledgeProvider(fixture.Knowledge), new FixedCommunityDirectory(new CommunitySettings { Region = region, AlertChannel = "mods" }), _metrics,
        _logs.CreateLogger<MessagePipeline>());

    private static IncomingMessage Message(string text) => new()
    {
        Platform = "test",
        CommunityId = "guild-1",
        ChannelId = "general",
        UserId = "user-1",
        Text = text,
        Source = MessageSource.Mention,
    };

    private static List<string> Lines(Reply reply) => [.. reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines).Select(h => h.Id)];

    [Theory]
    [InlineData("GB", new[] { "uk-childline", "uk-samaritans" })]
    [InlineData("US", new[] { "us-988-suicide-crisis-lifeline", "us-crisis-text-line" })]
    public async Task HandleAsync_DistressNoCategoryFits_PrivateReplyWithTheRegionsLinesToTalkTo(string region, string[] lines)
    {
        var reply = await Pipeline(region).HandleAsync(Message(Distress), CancellationToken.None);

        Assert.Equal(ReplyKind.Distress, reply.Kind);
        Assert.True(reply.IsPrivate);
        Assert.Equal(fixture.Knowledge.Safety.Urgent!.Distress!.Message, Assert.IsType<TextBlock>(reply.Blocks[0]).Text);
        Assert.Equal(lines, Lines(reply));
        Assert.All(reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines), h => Assert.Contains(h.Confidence, new[] { "verified", "corroborated" }));
        Assert.Empty(_alerter.Alerts);
    }

    [Theory]
    [InlineData("my parents are getting divorced and i feel like everything is falling apart")]
    [InlineData("my heart is racing and i feel like something bad is going to happen but i dont know what")]
    public async Task HandleAsync_DistressMessage_NeverQuotesAnOwnThoughtsArticle(string message)
    {
        var ownThoughts = fixture.Knowledge.Articles.Where(a => a.Audiences.Contains(Audience.OwnThoughts)).Select(a => a.Id).ToList();
        Assert.NotEmpty(ownThoughts);

        var reply = await Pipeline("GB").HandleAsync(Message(message), CancellationToken.None);

        Assert.Equal(ReplyKind.Distress, reply.Kind);
        Assert.DoesNotContain(reply.Blocks.OfType<PassageBlock>(), p => ownThoughts.Contains(p.Passage.ArticleId));
    }

    [Fact]
    public async Task HandleAsync_UrgentMessage_TakesTheUrgentPathNotTheNet()
    {
        var reply = await Pipeline("GB").HandleAsync(Message("honestly i want to kill myself tonight"), CancellationToken.None);

        Assert.Equal(ReplyKind.Urgent, reply.Kind);
    }

    [Fact]
    public async Task HandleAsync_CalmQuestion_AnsweredAsUsual()
    {
        var reply = await Pipeline("GB").HandleAsync(Message("how do i turn off location sharing on snapchat"), CancellationToken.None);

        Assert.NotEqual(ReplyKind.Distress, reply.Kind);
    }

    [Fact]
    public void Build_RegionWithoutOwnLines_FallsBackToTheInternationalDirectoryOnly()
    {
        var reply = DistressHandler.Build(fixture.Knowledge, fixture.Knowledge.Safety.Urgent!.Distress!, "INTL");

        Assert.Equal(["intl-child-helpline-international"], Lines(reply));
        Assert.True(reply.IsPrivate);
    }

    public void Dispose()
    {
        _logs.Dispose();
        _metrics.Dispose();
    }

    private sealed class RecordingAlerter : IUrgentAlerter
    {
        public List<UrgencyCategory> Alerts { get; } = [];

        public Task RaiseAsync(IncomingMessage message, CommunitySettings community, UrgencyCategory category, CancellationToken cancellationToken)
        {
            Alerts.Add(category);
            return Task.CompletedTask;
        }
    }
}
