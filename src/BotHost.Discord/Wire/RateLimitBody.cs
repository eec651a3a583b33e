namespace BotHost.Discord.Wire;

/// <summary>The body of a 429: <c>retry_after</c> in seconds (with decimals) and whether the limit is the global one.</summary>
internal sealed record RateLimitBody
{
    public string? Message { get; init; }

    public double RetryAfter { get; init; }

    public bool Global { get; init; }

    public int? Code { get; init; }
}
