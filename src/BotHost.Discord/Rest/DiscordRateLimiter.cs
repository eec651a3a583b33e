using System.Globalization;
using System.Net.Http.Headers;

namespace BotHost.Discord.Rest;

/// <summary>
/// Discord's rate limits (https://discord.com/developers/docs/topics/rate-limits), kept without hard-coding any
/// route's limit: each route learns its bucket from <c>X-RateLimit-Bucket</c>, a bucket with
/// <c>X-RateLimit-Remaining: 0</c> waits <c>X-RateLimit-Reset-After</c> before its next request, a 429 blocks its bucket
/// (or, when global, every bot request) for <c>retry_after</c>, and bot-token requests stay within the global 50 per
/// second. Requests to the same route and major parameter go one at a time, so parallel replies cannot overshoot a
/// bucket and cause a storm of 429s. Interaction callbacks and webhooks are not under the global limit.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time)
{
    public const int GlobalPerSecond = 50;

    /// <summary>
    /// Most routes remembered at once. Route keys include interaction tokens and DM channel ids, so one is made per
    /// interaction: past this count the routes nobody is using are forgotten, least recently used first (forgetting
    /// costs at most one more request before Discord's headers teach the bucket again).
    /// </summary>
    public const int MaxRoutes = 4_096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RouteState> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private DateTimeOffset _globalBlockedUntil;

    /// <summary>Routes remembered now (at most <see cref="MaxRoutes"/> plus those in use).</summary>
    public int RouteCount
    {
        get
        {
            lock (_gate) return _routes.Count;
        }
    }

    /// <summary>Buckets blocked now or recently (at most <see cref="MaxRoutes"/>).</summary>
    public int BlockedCount
    {
        get
        {
            lock (_gate) return _blockedUntil.Count;
        }
    }

    /// <summary>Waits until a request on <paramref name="route"/> may go; dispose the lease after reading the response.</summary>
    public async Task<IDisposable> AcquireAsync(RouteKey route, CancellationToken cancellationToken)
    {
        RouteState state;
        lock (_gate)
        {
            if (!_routes.TryGetValue(route.Value, out state!))
            {
                if (_routes.Count >= MaxRoutes) Prune();
                _routes[route.Value] = state = new RouteState();
            }

            state.Users++;
        }

        try
        {
            await state.Lock.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(state);
            throw;
        }

        try
        {
            while (Delay(route) is { } delay && delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken);
            return new Lease(this, state);
        }
        catch
        {
            state.Lock.Release();
            Leave(state);
            throw;
        }
    }

    /// <summary>Learns the route's bucket and remaining budget from a response's headers.</summary>
    public void Update(RouteKey route, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        lock (_gate)
        {
            if (Header(headers, "X-RateLimit-Bucket") is { } bucket && _routes.TryGetValue(route.Value, out var state)) state.Bucket = bucket + ":" + route.Major;
            if (Number(headers, "X-RateLimit-Remaining") is 0 && Number(headers, "X-RateLimit-Reset-After") is { } after)
            {
                Block(BucketOf(route), time.GetUtcNow() + Seconds(after));
            }
        }
    }

    /// <summary>Records a 429: blocks the route's bucket, or every bot request when the limit is global.</summary>
    public void RateLimited(RouteKey route, TimeSpan retryAfter, bool global)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (global && route.UsesGlobalLimit)
            {
                if (until > _globalBlockedUntil) _globalBlockedUntil = until;
            }
            else
            {
                Block(BucketOf(route), until);
            }
        }
    }

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(0, seconds) * 1000));

    private TimeSpan? Delay(RouteKey route)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var wait = TimeSpan.Zero;
            if (_blockedUntil.TryGetValue(BucketOf(route), out var until) && until > now) wait = until - now;
            if (!route.UsesGlobalLimit) return wait;
            if (_globalBlockedUntil > now && _globalBlockedUntil - now > wait) wait = _globalBlockedUntil - now;
            while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1)) _globalWindow.Dequeue();
            if (wait == TimeSpan.Zero && _globalWindow.Count >= GlobalPerSecond) wait = _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now;
            if (wait == TimeSpan.Zero) _globalWindow.Enqueue(now);
            return wait;
        }
    }

    private string BucketOf(RouteKey route) => _routes.TryGetValue(route.Value, out var state) && state.Bucket is { } bucket ? bucket : route.Value;

    private void Block(string bucket, DateTimeOffset until)
    {
        if (_blockedUntil.ContainsKey(bucket) || _blockedUntil.Count < MaxRoutes || PruneBlocks())
        {
            if (!_blockedUntil.TryGetValue(bucket, out var current) || until > current) _blockedUntil[bucket] = until;
        }
    }

    /// <summary>Forgets the least recently used half of the idle routes, and the blocks that are over. Under <see cref="_gate"/>.</summary>
    private void Prune()
    {
        var idle = _routes.Where(r => r.Value.Users == 0).OrderBy(r => r.Value.LastUsed).ToList();
        foreach (var (key, state) in idle.Take(Math.Max(1, idle.Count / 2)))
        {
            _routes.Remove(key);
            state.Lock.Dispose();
        }

        PruneBlocks();
    }

    /// <summary>Drops the blocks that are over; true when there is room for another. Under <see cref="_gate"/>.</summary>
    private bool PruneBlocks()
    {
        var now = time.GetUtcNow();
        foreach (var (bucket, until) in _blockedUntil.Where(b => b.Value <= now).ToList()) _blockedUntil.Remove(bucket);
        return _blockedUntil.Count < MaxRoutes;
    }

    private void Leave(RouteState state)
    {
        lock (_gate)
        {
            state.Users--;
            state.LastUsed = time.GetUtcNow();
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        Header(headers, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>One route's lock (one request at a time), learned bucket and use; guarded by <see cref="_gate"/>.</summary>
    private sealed class RouteState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public string? Bucket { get; set; }

        /// <summary>Requests holding or waiting for <see cref="Lock"/>; a route in use is never forgotten.</summary>
        public int Users { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }

    private sealed class Lease(DiscordRateLimiter owner, RouteState state) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            state.Lock.Release();
            owner.Leave(state);
        }
    }
}
