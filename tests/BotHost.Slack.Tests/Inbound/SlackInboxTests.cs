using BotHost.Slack.Events;
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

        var results = new[] { await inbox.AcceptEventAsync(Event("Ev1"), 0, null, default), await inbox.AcceptEventAsync(Event("Ev1"), 2, "http_timeout", default) };

        Assert.Equal([InboxResult.Accepted, InboxResult.Duplicate], results);
    }

    [Fact]
    public async Task AcceptEvent_QueueFull_BusyAndTheIdForgottenSoSlacksRetryIsAnswered()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:QueueCapacity"] = "1");
        var inbox = services.Get<SlackInbox>();
        await inbox.AcceptEventAsync(Event("Ev1"), 0, null, default);

        var result = await inbox.AcceptEventAsync(Event("Ev2"), 0, null, default);

        Assert.Equal(InboxResult.Busy, result);
        Assert.True(await services.Get<EventDeduplicator>().TryClaimAsync("event:Ev2", default));
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

    private static EventEnvelope Event(string id) => new()
    {
        Type = "event_callback",
        EventId = id,
        Event = new SlackEvent { Type = "app_mention", User = "U1", Channel = "C1", Ts = "1.1", Text = "hi" },
    };
}
