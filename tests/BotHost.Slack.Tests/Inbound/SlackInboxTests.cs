using BotHost.Core.Pipeline;
using BotHost.Core.State;
using BotHost.Slack.Inbound;
using BotHost.Slack.Tests.Fakes;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace BotHost.Slack.Tests.Inbound;

public sealed class SlackInboxTests
{
    [Fact]
    public async Task AcceptEvent_SameEventIdAgain_Duplicate()
    {
        await using var services = await SlackTestServices.StartAsync();
        var inbox = services.Get<SlackInbox>();

        var results = new[] { await Accept(inbox, "Ev1"), await inbox.AcceptEventAsync(Event("Ev1"), 2, "http_timeout", CancellationToken.None) };

        Assert.Equal([InboxResult.Accepted, InboxResult.Duplicate], results);
    }

    [Fact]
    public async Task AcceptEvent_QueueFull_BusyAndTheIdForgottenSoSlacksRetryIsAnswered()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["ReplyQueue:Capacity"] = "1");
        using var shed = new MetricCollector<long>(services.Get<BotMetrics>().Meter, "bothost_replies_shed");
        var inbox = services.Get<SlackInbox>();
        await Accept(inbox, "Ev1");

        var result = await Accept(inbox, "Ev2");

        Assert.Equal(InboxResult.Busy, result);
        Assert.True(await services.Get<IEventDeduplicator>().TryClaimAsync("slack:event:Ev2", TimeSpan.FromMinutes(1), CancellationToken.None));
        var measurement = Assert.Single(shed.GetMeasurementSnapshot());
        Assert.Equal("slack", measurement.Tags["platform"]);
        Assert.Equal(BotMetrics.ShedFull, measurement.Tags["reason"]);
    }

    [Fact]
    public async Task AcceptCommandAndInteraction_QueueFull_BusyAndEachCountedAsShed()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["ReplyQueue:Capacity"] = "1");
        using var shed = new MetricCollector<long>(services.Get<BotMetrics>().Meter, "bothost_replies_shed");
        var inbox = services.Get<SlackInbox>();
        await Accept(inbox, "Ev1");

        var results = new[]
        {
            inbox.AcceptCommand(new SlashCommandPayload { Command = "/ask", Text = "what is grooming", UserId = "U1", ChannelId = "C1", TeamId = "T1" }),
            inbox.AcceptInteraction(new BlockActionsPayload { Type = "block_actions", Actions = [new BlockAction()] }),
        };

        Assert.Equal([InboxResult.Busy, InboxResult.Busy], results);
        Assert.Equal(2, shed.GetMeasurementSnapshot().Count(m => (string?)m.Tags["platform"] == "slack" && (string?)m.Tags["reason"] == BotMetrics.ShedFull));
    }

    [Fact]
    public async Task AcceptCommand_MissingUser_Malformed()
    {
        await using var services = await SlackTestServices.StartAsync();

        var result = services.Get<SlackInbox>().AcceptCommand(new SlashCommandPayload { Command = "/ask", ChannelId = "C1" });

        Assert.Equal(InboxResult.Malformed, result);
    }

    [Fact]
    public async Task AcceptInteraction_NotBlockActions_Ignored()
    {
        await using var services = await SlackTestServices.StartAsync();

        var result = services.Get<SlackInbox>().AcceptInteraction(new BlockActionsPayload { Type = "view_submission", Actions = [new BlockAction()] });

        Assert.Equal(InboxResult.Ignored, result);
    }

    private static ValueTask<InboxResult> Accept(SlackInbox inbox, string eventId) => inbox.AcceptEventAsync(Event(eventId), 0, null, CancellationToken.None);

    private static EventEnvelope Event(string id) => new()
    {
        Type = "event_callback",
        EventId = id,
        Event = new SlackEvent { Type = "app_mention", User = "U1", Channel = "C1", Ts = "1.1", Text = "hi" },
    };
}
