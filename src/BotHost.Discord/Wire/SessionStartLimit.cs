namespace BotHost.Discord.Wire;

/// <summary><c>session_start_limit</c> of <c>GET /gateway/bot</c>: identify budget; <c>reset_after</c> in milliseconds.</summary>
internal sealed record SessionStartLimit
{
    public int Total { get; init; }

    public int Remaining { get; init; }

    public long ResetAfter { get; init; }

    public int MaxConcurrency { get; init; } = 1;
}
