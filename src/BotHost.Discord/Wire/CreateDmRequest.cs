namespace BotHost.Discord.Wire;

/// <summary><c>POST /users/@me/channels</c>: opens (or finds) the DM channel with a user.</summary>
internal sealed record CreateDmRequest(string RecipientId);
