using BotHost.Core.State;

namespace BotHost.State.Redis;

/// <summary>
/// <see cref="IRateLimitStore"/> on Redis: a sliding-window log in a sorted set, trimmed, counted and added to by one
/// Lua script, which Redis runs atomically (redis.io/docs/latest/develop/interact/programmability/eval-intro), so two
/// replicas checking the same member at once cannot both take the last place. Scores are the caller's clock in
/// milliseconds (the injected <see cref="TimeProvider"/>); the key expires one window after its last entry. While Redis
/// cannot be reached, the window is kept in this replica's memory.
/// </summary>
public sealed class RedisRateLimitStore(RedisConnection redis, InMemoryRateLimitStore fallback, TimeProvider time) : IRateLimitStore
{
    // KEYS[1] the window; ARGV[1] now (ms), ARGV[2] window length (ms), ARGV[3] limit, ARGV[4] a unique entry.
    private const string SlidingWindow = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private long _sequence;

    public async ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var entry = $"{now}:{_instance}:{Interlocked.Increment(ref _sequence)}";
        try
        {
            var database = await redis.DatabaseAsync();
            var result = await database.ScriptEvaluateAsync(SlidingWindow, [redis.Prefix + "rate:" + key],
                [now, (long)window.TotalMilliseconds, limit, entry]);
            redis.Succeeded();
            return (long)result == 1;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("rate_limit", ex);
            return fallback.TryAcquire(key, limit, window);
        }
    }
}
