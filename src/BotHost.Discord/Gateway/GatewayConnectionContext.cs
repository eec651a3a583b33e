using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>What every connection of one <see cref="DiscordGatewayClient"/> shares.</summary>
/// <param name="Random">Heartbeat jitter.</param>
internal sealed record GatewayConnectionContext(
    DiscordOptions Options,
    GatewaySession Session,
    GatewayDispatcher Dispatcher,
    GatewayIdentifyLimiter Limiter,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
