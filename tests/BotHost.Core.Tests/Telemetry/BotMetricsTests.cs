using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Core.State;
using BotHost.Core.Telemetry;
using BotHost.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Telemetry;

/// <summary>What each part of Core counts, read from the meter with Microsoft's MetricCollector.</summary>
public sealed class BotMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly RecordingLoggerProvider _logs = new();
    private readonly BotMetrics _metrics = new();
    private readonly CommunitySettings _community = new() { Region = "US", AlertChannel = "mod-alerts" };

    [Fact]
    public async Task RaiseAsync_SentThenMergedThenFailed_CountsEachOutcome()
    {
        using var alerts = new MetricCollector<long>(_metrics.Meter, "bothost_alerts");
        var sender = new ScriptedSender();
        var state = new EmbeddedState(_time);
        var service = new ModeratorAlertService([sender], MemberKey.Random(), state.Claims, state.Counter, state.Limits, _time, _logs.CreateLogger<ModeratorAlertService>(), _metrics);

        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);
        sender.Fail = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => service.RaiseAsync(Message("u2"), _community, UrgencyCategory.SelfHarm, CancellationToken.None));

        Assert.Equal(["sent", "merged", "failed"], alerts.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!));
        Assert.All(alerts.GetMeasurementSnapshot(), m => Assert.Equal("test", m.Tags["platform"]));
    }

    [Fact]
    public async Task HandleAsync_MemberOverTheLimit_CountsAMemberRateLimit()
    {
        using var limited = new MetricCollector<long>(_metrics.Meter, "bothost_rate_limited");
        using var fixture = new PipelineFixture();
        var handler = new RateLimitHandler(Options.Create(new RateLimitOptions { QuestionsPerMinute = 1 }), new NeverUrgent(), new EmbeddedState(_time).Limits, MemberKey.Random(),
            _logs.CreateLogger<RateLimitHandler>(), _metrics);
        var context = new MessageContext(Message("u1"), CommunitySettings.Default, fixture.Knowledge);

        await handler.HandleAsync(context, CancellationToken.None);
        await handler.HandleAsync(context, CancellationToken.None);

        var measurement = Assert.Single(limited.GetMeasurementSnapshot());
        Assert.Equal("member", measurement.Tags["limit"]);
        Assert.Equal("test", measurement.Tags["platform"]);
    }

    [Fact]
    public async Task HandleAsync_ObserverThrows_CountsAnAnalyticsFailureAndStillReplies()
    {
        using var failures = new MetricCollector<long>(_metrics.Meter, "bothost_analytics_failures");
        using var fixture = new PipelineFixture();
        var pipeline = new MessagePipeline([new AskHandler()], new FixedKnowledgeProvider(fixture.Knowledge), new FixedCommunityDirectory(_community), _metrics,
            _logs.CreateLogger<MessagePipeline>(), [new ThrowingObserver()]);

        var reply = await pipeline.HandleAsync(Message("u1", "what is sextortion"), CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("reply", Assert.Single(failures.GetMeasurementSnapshot()).Tags["operation"]);
    }

    [Fact]
    public async Task HandleAsync_OneMessage_InFlightGoesUpThenBackDownAndEachHandlerIsAStage()
    {
        using var inFlight = new MetricCollector<long>(_metrics.Meter, "bothost_messages_in_flight");
        using var stages = new MetricCollector<double>(_metrics.Meter, "bothost_stage_duration");
        using var fixture = new PipelineFixture();
        var pipeline = new MessagePipeline([new CommandHandler(), new AskHandler()], new FixedKnowledgeProvider(fixture.Knowledge),
            new FixedCommunityDirectory(_community), _metrics, _logs.CreateLogger<MessagePipeline>());

        await pipeline.HandleAsync(Message("u1", "what is sextortion"), CancellationToken.None);

        Assert.Equal([1L, -1L], inFlight.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([PipelineStages.Commands, PipelineStages.Retrieval], stages.GetMeasurementSnapshot().Select(m => (string)m.Tags["stage"]!));
        Assert.All(stages.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _logs.Dispose();
    }

    private static IncomingMessage Message(string user, string text = "secret words 4411") => new()
    {
        Platform = "test",
        CommunityId = "guild-1",
        ChannelId = "general",
        UserId = user,
        Text = text,
        Source = MessageSource.Mention,
        MessageLink = new Uri("https://chat.example/m/1"),
    };

    private sealed class ScriptedSender : IModeratorAlertSender
    {
        public bool Fail { get; set; }

        public string Platform => "test";

        public Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken) =>
            Fail ? Task.FromException(new HttpRequestException("the platform refused")) : Task.CompletedTask;
    }

    private sealed class NeverUrgent : IUrgencyClassifier
    {
        public UrgencyCategory? Classify(string text) => null;
    }

    private sealed class ThrowingObserver : IReplyObserver
    {
        public void OnReplied(IncomingMessage message, CommunitySettings community, Reply reply) => throw new InvalidOperationException("the database is gone");
    }
}
