namespace BotHost.Discord.Gateway.Wire;

/// <summary>READY's <c>user</c>: the bot itself.</summary>
internal sealed record ReadyUser(string? Id);
