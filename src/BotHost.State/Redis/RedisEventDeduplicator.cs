using BotHost.Core.State;
using StackExchange.Redis;

namespace BotHost.State.Redis;

/// <summary>
/// <see cref="IEventDeduplicator"/> on Redis: <c>SET key 1 NX PX window</c> (redis.io/docs/latest/commands/set), so the
/// first replica to claim an id wins and the id expires by itself. While Redis cannot be reached, ids are claimed in
/// this replica's memory (a retry reaching the same replica is still dropped; one reaching another may be answered twice).
/// </summary>
public sealed class RedisEventDeduplicator(RedisConnection redis, InMemoryEventDeduplicator fallback) : IEventDeduplicator
{
    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            var database = await redis.DatabaseAsync();
            var claimed = await database.StringSetAsync(redis.Prefix + "dedup:" + key, 1, window, When.NotExists);
            redis.Succeeded();
            return claimed;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("dedup", ex);
            return fallback.TryClaim(key, window);
        }
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        fallback.Release(key);
        try
        {
            var database = await redis.DatabaseAsync();
            await database.KeyDeleteAsync(redis.Prefix + "dedup:" + key);
            redis.Succeeded();
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("dedup", ex);
        }
    }
}
