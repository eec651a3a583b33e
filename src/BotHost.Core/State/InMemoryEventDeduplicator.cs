using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>
/// The embedded <see cref="IEventDeduplicator"/>: ids in this process's memory, expiring on the injected clock. Bounded:
/// at <see cref="StateOptions.EmbeddedCapacity"/> the oldest ids go first.
/// </summary>
public sealed class InMemoryEventDeduplicator(IOptions<StateOptions> options, TimeProvider time) : IEventDeduplicator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expires = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();

    public int Count
    {
        get
        {
            lock (_gate) return _expires.Count;
        }
    }

    public ValueTask<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, window));

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        Release(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>The synchronous form, for callers that hold no I/O (and the Redis store's fallback).</summary>
    public bool TryClaim(string key, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            if (_expires.TryGetValue(key, out var until) && until > now) return false;
            while (_expires.Count >= options.Value.EmbeddedCapacity && _order.TryDequeue(out var oldest)) Forget(oldest);
            _expires[key] = now + window;
            _order.Enqueue((key, now + window));
            return true;
        }
    }

    public void Release(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate) _expires.Remove(key);
    }

    /// <summary>Ids leave in claim order; an id claimed with a longer window than later ones waits for those ahead of it.</summary>
    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expires <= now)
        {
            _order.Dequeue();
            Forget(oldest);
        }
    }

    /// <summary>Removes a queue entry's key unless the key was released and claimed again later.</summary>
    private void Forget((string Key, DateTimeOffset Expires) entry)
    {
        if (_expires.TryGetValue(entry.Key, out var until) && until == entry.Expires) _expires.Remove(entry.Key);
    }
}
