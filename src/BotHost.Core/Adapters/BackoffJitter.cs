namespace BotHost.Core.Adapters;

/// <summary>How <see cref="ExponentialBackoff"/> spreads a delay below its cap.</summary>
public enum BackoffJitter
{
    /// <summary>A random point between zero and the cap (Discord's gateway).</summary>
    Full,

    /// <summary>
    /// Half the cap fixed, half random, after the first retry (which is a random point within the first delay): a
    /// client that keeps failing always waits (Slack's Socket Mode, whose connection URLs are rate limited).
    /// </summary>
    Equal,
}
