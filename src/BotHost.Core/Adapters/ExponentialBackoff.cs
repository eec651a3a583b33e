namespace BotHost.Core.Adapters;

/// <summary>
/// Delays between reconnect attempts, for both platforms' event connections: the cap starts at
/// <paramref name="initial"/> and doubles per consecutive failure up to <paramref name="maximum"/>, and the delay is a
/// random point below it (<see cref="BackoffJitter"/>), so that many bots dropped at once do not reconnect in step.
/// Randomness is injected.
/// </summary>
public sealed class ExponentialBackoff(TimeSpan initial, TimeSpan maximum, BackoffJitter jitter, Random random)
{
    /// <param name="failures">Consecutive attempts that failed so far (0 for the first retry after a drop).</param>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        var cap = Math.Min(maximum.Ticks, initial.Ticks * Math.Pow(2, Math.Min(failures, 30)));
        var fixedShare = jitter == BackoffJitter.Equal && failures > 0 ? 0.5 : 0.0;
        return TimeSpan.FromTicks((long)((cap * fixedShare) + (cap * (1 - fixedShare) * random.NextDouble())));
    }
}
