using System.Collections.Concurrent;

namespace BotHost.Core.State;

/// <summary>
/// <see cref="IMemberRateLimiter"/> in this process: a sliding window over the injected <see cref="TimeProvider"/>
/// (System.Threading.RateLimiting's limiters read the wall clock, which tests could not advance). Idle members are
/// forgotten every <see cref="SweepEvery"/> calls, so the count follows the members active in the last window.
/// </summary>
public sealed class InMemoryMemberRateLimiter(TimeProvider time) : IMemberRateLimiter
{
    public const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _members = new(StringComparer.Ordinal);
    private TimeSpan _longestWindow;
    private long _calls;

    /// <summary>Members held now.</summary>
    public int Count => _members.Count;

    public ValueTask<bool> TryAcquireAsync(string memberKey, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = time.GetUtcNow();
        if (window > _longestWindow) _longestWindow = window;
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0) Forget(now);
        var times = _members.GetOrAdd(memberKey, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= window) times.Dequeue();
            if (times.Count >= limit) return ValueTask.FromResult(false);
            times.Enqueue(now);
            return ValueTask.FromResult(true);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, times) in _members)
        {
            lock (times)
            {
                if (times.Count == 0 || now - times.Last() >= _longestWindow) _members.TryRemove(key, out _);
            }
        }
    }
}
