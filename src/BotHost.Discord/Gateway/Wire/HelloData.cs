namespace BotHost.Discord.Gateway.Wire;

/// <summary><c>d</c> of HELLO (op 10): <c>{"heartbeat_interval":45000}</c>, in milliseconds.</summary>
internal sealed record HelloData(long HeartbeatInterval);
