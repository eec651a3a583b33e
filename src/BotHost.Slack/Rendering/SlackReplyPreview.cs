using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Slack.Wire;

namespace BotHost.Slack.Rendering;

/// <summary>
/// The JSON Slack would receive for a reply to <c>/ask</c>: the message posted to the command's <c>response_url</c>,
/// rendered by <see cref="SlackBlockKitRenderer"/> exactly as for a member, <c>in_channel</c> only where
/// <see cref="ReplyRouting"/> allows it. Read-only; the web console's ask preview draws it.
/// </summary>
public static class SlackReplyPreview
{
    public static string SlashCommandResponseJson(Reply reply, bool privateByDefault)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var content = SlackBlockKitRenderer.Render(reply);
        var route = ReplyRouting.Route(MessageSource.Command, privateConversation: false, reply,
            new Core.Communities.CommunitySettings { PrivateByDefault = privateByDefault }, askerOnlyForMentions: true);
        var type = route.Destination == ReplyDestination.Channel ? ResponseUrlMessage.InChannel : ResponseUrlMessage.Ephemeral;
        var message = new ResponseUrlMessage(type, content.Text) { Blocks = content.Blocks.Count == 0 ? null : content.Blocks };
        return JsonSerializer.Serialize(message, SlackJsonContext.Default.ResponseUrlMessage);
    }
}
