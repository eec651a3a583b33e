using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Discord.Wire;

namespace BotHost.Discord.Rendering;

/// <summary>
/// The JSON Discord would receive for a reply to <c>/ask</c>: the interaction response the interactions endpoint
/// sends, rendered by <see cref="DiscordRenderer"/> exactly as for a member (the EPHEMERAL flag wherever
/// <see cref="ReplyRouting"/> keeps the reply to the asker).
/// Read-only; the web console's ask preview draws it.
/// </summary>
public static class DiscordReplyPreview
{
    public static string InteractionResponseJson(Reply reply, bool privateByDefault)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var route = ReplyRouting.Route(MessageSource.Command, privateConversation: false, reply,
            new Core.Communities.CommunitySettings { PrivateByDefault = privateByDefault }, askerOnlyForMentions: false);
        var response = InteractionResponse.Message(DiscordRenderer.Render(reply, ephemeral: route.Destination != ReplyDestination.Channel));
        return JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse);
    }
}
