namespace BotHost.Discord.Wire;

/// <summary>The channel returned by <c>POST /users/@me/channels</c> (only the id is read).</summary>
internal sealed record ChannelResponse(string Id);
