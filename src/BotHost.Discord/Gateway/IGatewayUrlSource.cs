namespace BotHost.Discord.Gateway;

/// <summary><c>GET /gateway/bot</c>: where to connect, the recommended shard count and the identify budget.</summary>
public interface IGatewayUrlSource
{
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);
}

/// <summary>The <c>GET /gateway/bot</c> response.</summary>
/// <param name="MaxConcurrency">IDENTIFY requests allowed per 5 seconds (<c>session_start_limit.max_concurrency</c>).</param>
/// <param name="Remaining">IDENTIFY requests left in this 24-hour window.</param>
/// <param name="ResetAfter">When <paramref name="Remaining"/> resets.</param>
public sealed record GatewayBotInfo(Uri Url, int Shards, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
