using BotHost.Core.State;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>
/// Paces IDENTIFY (https://discord.com/developers/docs/events/gateway#session-start-limit and
/// https://discord.com/developers/docs/events/gateway#sharding-max-concurrency). Each rate-limit bucket
/// (<c>shard_id % max_concurrency</c>) may identify once per 5 seconds, counted where Discord counts it: when IDENTIFY
/// arrives. Before connecting (<see cref="WaitAsync"/>) a shard waits for its bucket's turn at start
/// (<c>shard_id / max_concurrency</c> times 5 seconds: buckets start in order) and for 5 seconds after its own last
/// IDENTIFY; after HELLO, just before sending IDENTIFY (<see cref="ClaimAsync"/>), it claims its bucket for 5 seconds in
/// the shared state (<see cref="IEventDeduplicator"/>: Redis when shard processes share it), waiting while another shard
/// process holds it. Claiming before connecting would not do: a slow connect or a late HELLO would let two shards of a
/// bucket send IDENTIFY together although their claims were 5 seconds apart. When the daily budget is spent
/// (<c>remaining</c> 0) it waits for <c>reset_after</c>: identifying past it would reset the bot token.
/// </summary>
internal sealed partial class GatewayIdentifyLimiter(DiscordOptions options, TimeProvider time, ILogger logger, IEventDeduplicator? claims = null)
{
    /// <summary>One IDENTIFY per bucket per this window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>How often a shard asks again for a bucket another shard process holds.</summary>
    public static readonly TimeSpan ClaimRetry = TimeSpan.FromMilliseconds(250);

    private long _lastTicks = -1;
    private int _bucket;

    /// <summary>Waits until this process may connect to send IDENTIFY under <paramref name="info"/>'s limits.</summary>
    public async Task WaitAsync(GatewayBotInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Remaining <= 0 && info.ResetAfter > TimeSpan.Zero)
        {
            LogBudgetSpent(info.ResetAfter.TotalMinutes);
            await Task.Delay(info.ResetAfter, time, cancellationToken);
        }

        var maxConcurrency = Math.Max(1, info.MaxConcurrency);
        Volatile.Write(ref _bucket, options.ShardId % maxConcurrency);
        var last = Interlocked.Read(ref _lastTicks);
        var wait = last < 0
            ? Window * (options.ShardId / maxConcurrency)
            : new DateTimeOffset(last, TimeSpan.Zero) + Window - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            LogPacing(wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Claims the bucket of the last <see cref="WaitAsync"/> in the shared state for <see cref="Window"/>, waiting while
    /// another shard process holds it; call it just before sending IDENTIFY.
    /// </summary>
    public async Task ClaimAsync(CancellationToken cancellationToken)
    {
        if (claims is null) return;
        var bucket = Volatile.Read(ref _bucket);
        for (var waited = false; !await claims.TryClaimAsync($"discord-identify:{bucket}", Window, cancellationToken); waited = true)
        {
            if (!waited) LogBucketBusy(bucket);
            await Task.Delay(ClaimRetry, time, cancellationToken);
        }
    }

    /// <summary>IDENTIFY was sent now.</summary>
    public void Identified() => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: the daily IDENTIFY budget is spent (session_start_limit.remaining is 0); waiting {Minutes:0} min for it to reset")]
    private partial void LogBudgetSpent(double minutes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway: next IDENTIFY in {Seconds:0.00} s (one per 5 s per bucket)")]
    private partial void LogPacing(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: another shard identified in bucket {Bucket} within 5 s; waiting for its turn")]
    private partial void LogBucketBusy(int bucket);
}
