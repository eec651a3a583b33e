using BotHost.Core.Messages;
using BotHost.Slack.Replies;
using BotHost.Slack.Wire;

namespace BotHost.Slack.Events;

/// <summary>Maps a slash command (<c>/ask</c>, <c>/hotlines</c>, <c>/about</c>) to an <see cref="IncomingMessage"/>.</summary>
internal static class SlashCommandMapper
{
    /// <summary>The mapped command, or null when a required field is missing.</summary>
    public static SlackInboundMessage? Map(SlashCommandPayload payload, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (string.IsNullOrEmpty(payload.Command) || string.IsNullOrEmpty(payload.UserId) || string.IsNullOrEmpty(payload.ChannelId)) return null;
        var teamId = payload.TeamId ?? string.Empty;
        var message = new IncomingMessage
        {
            Platform = SlackAdapter.PlatformName,
            CommunityId = teamId,
            ChannelId = payload.ChannelId,
            UserId = payload.UserId,
            Text = SlackMessageText.ToPlain(payload.Text, botUserId: string.Empty),
            Source = MessageSource.Command,
            Command = payload.Command.TrimStart('/').ToLowerInvariant(),
            // A command's D… channel may be a DM between two members, not with the bot: it is not taken as private.
            // The reply is private anyway unless it may be posted in the channel (see SlackReplySender).
            IsPrivateConversation = false,
            ReceivedAt = receivedAt,
        };
        var conversation = new SlackConversation(teamId, payload.ChannelId, payload.UserId)
        {
            ResponseUrl = ResponseUrl(payload.ResponseUrl),
        };
        return new SlackInboundMessage(message, conversation);
    }

    /// <summary>An absolute http(s) response_url, or null.</summary>
    public static Uri? ResponseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;
}
