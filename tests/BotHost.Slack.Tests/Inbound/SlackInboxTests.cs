using BotHost.Core.State;
using BotHost.Slack.Inbound;
using BotHost.Slack.Tests.Fakes;
using BotHost.Slack.Wire;

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
        var inbox = services.Get<SlackInbox>();
        await Accept(inbox, "Ev1");

        var result = await Accept(inbox, "Ev2");

        Assert.Equal(InboxResult.Busy, result);
        Assert.True(await services.Get<IEventDeduplicator>().TryClaimAsync("slack:event:Ev2", TimeSpan.FromMinutes(1), CancellationToken.None));
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
