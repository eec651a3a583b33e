using BotHost.Core.Messages;
using BotHost.Slack.Api;
using BotHost.Slack.Replies;
using BotHost.Slack.Wire;

namespace BotHost.Slack.Events;

/// <summary>
/// Maps <c>app_mention</c> and <c>message.im</c> events to <see cref="IncomingMessage"/>s. Ignores everything a bot
/// posted (any <c>bot_id</c>: bolt-js's ignoreSelf drops the bot's own; other bots are dropped too, since apps can post
/// with <c>bot_id</c> and no subtype), the bot's own user, and every subtype (edits, deletions, joins, ...).
/// </summary>
internal static class SlackEventMapper
{
    public const string EventCallback = "event_callback";
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string DirectMessageChannelType = "im";

    public static SlackEventMapping Map(EventEnvelope envelope, BotIdentity? bot, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Type != EventCallback || envelope.Event is not { } e) return SlackEventMapping.Ignore("not an event_callback");
        if (e.BotId is not null) return SlackEventMapping.Ignore("posted by a bot");
        if (string.IsNullOrEmpty(e.User)) return SlackEventMapping.Ignore("no user");
        if (bot is not null && e.User == bot.UserId) return SlackEventMapping.Ignore("the bot's own message");
        if (e.Subtype is not null) return SlackEventMapping.Ignore("subtype " + e.Subtype);
        if (string.IsNullOrEmpty(e.Channel) || string.IsNullOrEmpty(e.Ts)) return SlackEventMapping.Ignore("no channel or ts");

        bool direct;
        if (e.Type == AppMention) direct = false;
        else if (e.Type == Message && e.ChannelType == DirectMessageChannelType) direct = true;
        else return SlackEventMapping.Ignore($"event {e.Type} ({e.ChannelType}) is not handled");

        var teamId = envelope.TeamId ?? e.Team ?? string.Empty;
        var message = new IncomingMessage
        {
            Platform = SlackAdapter.PlatformName,
            CommunityId = teamId,
            ChannelId = e.Channel,
            UserId = e.User,
            Text = SlackMessageText.ToPlain(e.Text, bot?.UserId),
            Source = direct ? MessageSource.DirectMessage : MessageSource.Mention,
            MessageId = e.Ts,
            MessageLink = SlackPermalink.For(bot?.WorkspaceUrl, e.Channel, e.Ts, e.ThreadTs),
            IsPrivateConversation = direct,
            ReceivedAt = receivedAt,
        };
        var conversation = new SlackConversation(teamId, e.Channel, e.User) { ThreadTs = e.ThreadTs, MessageTs = e.Ts, IsDirectMessage = direct };
        return new SlackEventMapping(new SlackInboundMessage(message, conversation), null);
    }
}
