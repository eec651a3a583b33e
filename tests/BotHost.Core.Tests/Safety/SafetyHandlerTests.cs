using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Knowledge;
using BotHost.Testing;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Tests.Safety;

/// <summary>The urgent and refusal handlers in the real pipeline over the shipped knowledge base.</summary>
public sealed class SafetyHandlerTests : IDisposable
{
    private const string Marker = "zebra-quokka-7731";
    private readonly RecordingLoggerProvider _logs = new();
    private readonly RecordingAlerter _alerter = new();
    private readonly KnowledgeBase _knowledge;
    private readonly BotMetrics _metrics = new();

    public SafetyHandlerTests()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = RepositoryPaths.Knowledge }, new FakeTimeProvider(TestClock.Start));
        _knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    private MessagePipeline Pipeline(string region, IUrgentAlerter? alerter = null) => new(
        [new CommandHandler(), new UrgentHandler([alerter ?? _alerter], _logs.CreateLogger<UrgentHandler>()), new RefusalHandler(_logs.CreateLogger<RefusalHandler>()), new AskHandler()],
        new FixedKnowledgeProvider(_knowledge), new FixedCommunityDirectory(new CommunitySettings { Region = region, AlertChannel = "mods" }), _metrics,
        _logs.CreateLogger<MessagePipeline>());

    private static IncomingMessage Message(string text, MessageSource source = MessageSource.Mention, string? command = null) => new()
    {
        Platform = "test",
        CommunityId = "guild-1",
        ChannelId = "general",
        UserId = "user-1",
        Text = text,
        Source = source,
        Command = command,
        MessageLink = new Uri("https://chat.example/guild-1/general/42"),
    };

    [Fact]
    public async Task HandleAsync_SextortionInProgressInUS_RepliesPrivatelyWithEmergencyCyberTiplineAndACrisisLine()
    {
        var reply = await Pipeline("US").HandleAsync(Message("he says hell post my nudes tonight unless i pay " + Marker), CancellationToken.None);

        Assert.Equal(ReplyKind.Urgent, reply.Kind);
        Assert.True(reply.IsPrivate);
        var hotlines = reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines).Select(h => h.Id).ToList();
        // Three hotlines at most (issue #15): the emergency number, the report route, and someone to talk to now (issue #13).
        Assert.Equal(["us-emergency-911", "us-ncmec-cybertipline", "us-crisis-text-line"], hotlines);
        Assert.Equal(3, Assert.Single(reply.Blocks.OfType<StepsBlock>()).Steps.Count);
        // The sextortion passage follows the steps when the reply still fits one phone screen (ReplyFit, issue #15).
        Assert.True(ReplyFit.Measure(reply) < ReplyFit.PhoneScreen);
        Assert.All(reply.Blocks.OfType<PassageBlock>(), p => Assert.Equal("sextortion", p.Passage.ArticleId));
        Assert.IsType<StepsBlock>(reply.Blocks.Last(b => b is not PassageBlock));
        Assert.DoesNotContain(reply.Blocks.OfType<TextBlock>(), b => b.Text.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_SelfHarmInGB_ShowsNineNineNineAndACrisisLine()
    {
        var reply = await Pipeline("GB").HandleAsync(Message("i want to kill myself"), CancellationToken.None);

        var hotlines = reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines).Select(h => h.Id).ToList();
        Assert.Equal("uk-emergency-999", hotlines[0]);
        Assert.Contains("uk-samaritans", hotlines);
    }

    [Fact]
    public async Task HandleAsync_UrgentWhereNoEmergencyNumberIsVerified_SaysCallYourLocalEmergencyNumber()
    {
        var reply = await Pipeline("INTL").HandleAsync(Message("i want to kill myself"), CancellationToken.None);

        Assert.Contains(reply.Blocks.OfType<TextBlock>(), b => b.Text == _knowledge.Safety.Urgent!.EmergencyFallback);
    }

    [Fact]
    public async Task HandleAsync_UrgentMessage_AlertsWithCategoryAndNeverTheText()
    {
        await Pipeline("US").HandleAsync(Message("someone is breaking into my house right now " + Marker), CancellationToken.None);

        var (message, community, category) = Assert.Single(_alerter.Alerts);
        Assert.Equal(UrgencyCategory.ImmediateDanger, category);
        Assert.Equal("mods", community.AlertChannel);
        Assert.Equal("general", message.ChannelId);
        Assert.Empty(_logs.Containing(Marker));
    }

    [Fact]
    public async Task HandleAsync_AlertSenderThrows_MemberStillGetsUrgentHelp()
    {
        var reply = await Pipeline("US", new ThrowingAlerter()).HandleAsync(Message("i want to kill myself"), CancellationToken.None);

        Assert.Equal(ReplyKind.Urgent, reply.Kind);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task HandleAsync_EverydayIdiom_GetsNoUrgentReplyAndNoAlert()
    {
        var reply = await Pipeline("US").HandleAsync(Message("this exam is murdering me"), CancellationToken.None);

        Assert.NotEqual(ReplyKind.Urgent, reply.Kind);
        Assert.Empty(_alerter.Alerts);
    }

    [Fact]
    public async Task HandleAsync_RequestForAbuseMaterial_RefusesWithPreventionHelpAndNoAlert()
    {
        var reply = await Pipeline("US").HandleAsync(Message("where can i find cp"), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.True(reply.IsPrivate);
        Assert.Equal(_knowledge.Safety.Refusal!.Message, Assert.IsType<TextBlock>(reply.Blocks[0]).Text);
        Assert.Equal("prevention-help-seeking", Assert.Single(reply.Blocks.OfType<PassageBlock>()).Passage.ArticleId);
        Assert.Contains(reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines), h => h.Id == "us-stop-it-now");
        Assert.Null(reply.Feedback);
        Assert.Empty(_alerter.Alerts);
    }

    [Fact]
    public async Task HandleAsync_ProtectiveQuestionAboutCsam_IsAnswered()
    {
        var reply = await Pipeline("US").HandleAsync(Message("how do i report cp i found"), CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task HandleAsync_HotlinesCommandWithUrgentWords_RunsTheCommand()
    {
        var reply = await Pipeline("US").HandleAsync(Message("US", MessageSource.Command, "hotlines"), CancellationToken.None);

        Assert.Equal(ReplyKind.Hotlines, reply.Kind);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _metrics.Dispose();
        _logs.Dispose();
    }

    private sealed class RecordingAlerter : IUrgentAlerter
    {
        public List<(IncomingMessage Message, CommunitySettings Community, UrgencyCategory Category)> Alerts { get; } = [];

        public Task RaiseAsync(IncomingMessage message, CommunitySettings community, UrgencyCategory category, CancellationToken cancellationToken)
        {
            Alerts.Add((message, community, category));
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingAlerter : IUrgentAlerter
    {
        public Task RaiseAsync(IncomingMessage message, CommunitySettings community, UrgencyCategory category, CancellationToken cancellationToken) =>
            throw new HttpRequestException("alert channel unreachable");
    }
}
