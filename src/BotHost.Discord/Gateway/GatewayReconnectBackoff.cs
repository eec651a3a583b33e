namespace BotHost.Discord.Gateway;

/// <summary>
/// Delays between gateway connection attempts: exponential from <see cref="DiscordOptions.ReconnectDelay"/>, doubling
/// per consecutive failure up to <see cref="DiscordOptions.MaxReconnectDelay"/>, with "full jitter" (a random point
/// between zero and that cap) so that many bots dropped at once do not reconnect in step.
/// </summary>
internal sealed class GatewayReconnectBackoff(DiscordOptions options, Random random)
{
    /// <param name="failures">Consecutive attempts that did not establish a session (0 right after one ended).</param>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        var cap = Math.Min(options.MaxReconnectDelay.Ticks, options.ReconnectDelay.Ticks * Math.Pow(2, Math.Min(failures, 30)));
        return TimeSpan.FromTicks((long)(cap * random.NextDouble()));
    }
}
