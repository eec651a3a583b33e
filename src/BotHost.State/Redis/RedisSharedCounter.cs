using BotHost.Core.State;

namespace BotHost.State.Redis;

/// <summary>
/// <see cref="ISharedCounter"/> on Redis: <c>INCR</c> and <c>PEXPIRE</c> in one script, taken with <c>GETDEL</c>
/// (Redis 6.2+), so a count is taken by exactly one replica. Falls back to this replica's memory while Redis is away.
/// </summary>
public sealed class RedisSharedCounter(RedisConnection redis, InMemorySharedCounter fallback) : ISharedCounter
{
    private const string IncrementWithExpiry = """
        local count = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return count
        """;

    public async ValueTask IncrementAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            var database = await redis.DatabaseAsync();
            await database.ScriptEvaluateAsync(IncrementWithExpiry, [redis.Prefix + "count:" + key], [(long)lifetime.TotalMilliseconds]);
            redis.Succeeded();
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("counter", ex);
            fallback.Increment(key, lifetime);
        }
    }

    public async ValueTask<long> TakeAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var local = fallback.Take(key);
        try
        {
            var database = await redis.DatabaseAsync();
            var value = await database.StringGetDeleteAsync(redis.Prefix + "count:" + key);
            redis.Succeeded();
            return local + (value.TryParse(out long count) ? count : 0);
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("counter", ex);
            return local;
        }
    }
}
