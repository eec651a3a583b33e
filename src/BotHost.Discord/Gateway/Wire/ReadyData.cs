namespace BotHost.Discord.Gateway.Wire;

/// <summary>
/// The parts of READY's <c>d</c> the client keeps (https://discord.com/developers/docs/events/gateway-events#ready): the session to resume, where
/// to resume it, and the bot's own user.
/// </summary>
internal sealed record ReadyData(string? SessionId, string? ResumeGatewayUrl, ReadyUser? User);
