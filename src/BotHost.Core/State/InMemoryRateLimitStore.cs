using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>
/// The embedded <see cref="IRateLimitStore"/>: a sliding window of times per key over the injected
/// <see cref="TimeProvider"/> (System.Threading.RateLimiting's limiters read the wall clock, which tests could not
/// advance). Idle keys are forgotten, and at most <see cref="StateOptions.DeduplicationCapacity"/> keys are held.
/// </summary>
public sealed class InMemoryRateLimitStore(IOptions<StateOptions> options, TimeProvider time) : IRateLimitStore
{
    private readonly ConcurrentDictionary<string, Window> _keys = new(StringComparer.Ordinal);
    private long _checks;

    public int Count => _keys.Count;

    public ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(key, limit, window));

    /// <summary>The synchronous form (also the Redis store's fallback while Redis is unreachable).</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _checks) % 1024 == 0 || _keys.Count >= options.Value.DeduplicationCapacity) Forget(now);
        var times = _keys.GetOrAdd(key, _ => new Window(window));
        lock (times)
        {
            while (times.Times.Count > 0 && now - times.Times.Peek() >= window) times.Times.Dequeue();
            if (times.Times.Count >= limit) return false;
            times.Times.Enqueue(now);
            return true;
        }
    }

    /// <summary>Forgets keys with nothing inside their window; if that is not enough, the rest (a limit restarts, memory stays bounded).</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, times) in _keys)
        {
            lock (times)
            {
                if (times.Times.Count == 0 || now - times.Times.Last() >= times.Length) _keys.TryRemove(key, out _);
            }
        }

        if (_keys.Count >= options.Value.DeduplicationCapacity) _keys.Clear();
    }

    private sealed class Window(TimeSpan length)
    {
        public TimeSpan Length { get; } = length;

        public Queue<DateTimeOffset> Times { get; } = new();
    }
}
