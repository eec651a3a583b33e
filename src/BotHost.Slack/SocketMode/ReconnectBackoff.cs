using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.SocketMode;

/// <summary>
/// Delays between Socket Mode connection attempts. The first retry after a drop comes within
/// <see cref="SlackOptions.ReconnectDelay"/> (a random point in it, so many instances do not reconnect in step); after
/// that the delay doubles up to <see cref="SlackOptions.MaxReconnectDelay"/> with "equal jitter": half fixed, half
/// random. Randomness is injected.
/// </summary>
internal sealed class ReconnectBackoff(IOptions<SlackOptions> options, [FromKeyedServices(SlackServiceKeys.Random)] Random random)
{
    /// <param name="failures">Consecutive failed attempts so far (0 for the first retry after a drop).</param>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        var o = options.Value;
        if (failures == 0) return o.ReconnectDelay * random.NextDouble();
        var cap = Math.Min(o.MaxReconnectDelay.Ticks, o.ReconnectDelay.Ticks * Math.Pow(2, Math.Min(failures, 30)));
        return TimeSpan.FromTicks((long)((cap / 2) + (cap / 2 * random.NextDouble())));
    }
}
