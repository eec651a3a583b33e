using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Discord.Wire;

namespace BotHost.Discord.Rendering;

/// <summary>
/// The JSON Discord would receive for a reply to <c>/ask</c>: the interaction response the interactions endpoint
/// sends, rendered by <see cref="DiscordRenderer"/> exactly as for a member (private replies carry the EPHEMERAL flag).
/// Read-only; the web console's ask preview draws it.
/// </summary>
public static class DiscordReplyPreview
{
    public static string InteractionResponseJson(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var response = InteractionResponse.Message(DiscordRenderer.Render(reply, ephemeral: reply.IsPrivate));
        return JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse);
    }
}
