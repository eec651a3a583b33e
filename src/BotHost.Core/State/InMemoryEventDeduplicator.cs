using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>
/// <see cref="IEventDeduplicator"/> in this process. Bounded by <see cref="StateOptions.DeduplicationCapacity"/>: at
/// capacity the key closest to its expiry goes first. Expiry follows the injected clock.
/// </summary>
public sealed class InMemoryEventDeduplicator(IOptions<StateOptions> options, TimeProvider time) : IEventDeduplicator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry = new();

    /// <summary>Keys remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _expiries.Count;
        }
    }

    public ValueTask<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, window));

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        Release(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>The synchronous form (also the Redis store's fallback while Redis cannot be reached).</summary>
    public bool TryClaim(string key, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            if (_expiries.ContainsKey(key)) return false;
            while (_expiries.Count >= options.Value.DeduplicationCapacity && _byExpiry.TryDequeue(out var oldest, out var at)) Forget(oldest, at);
            var expiry = now + window;
            _expiries[key] = expiry;
            _byExpiry.Enqueue(key, expiry);
            if (_byExpiry.Count > 2 * options.Value.DeduplicationCapacity) Compact();
            return true;
        }
    }

    public void Release(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate) _expiries.Remove(key);
    }

    private void Expire(DateTimeOffset now)
    {
        while (_byExpiry.TryPeek(out var key, out var at) && at <= now)
        {
            _byExpiry.Dequeue();
            Forget(key, at);
        }
    }

    /// <summary>Drops the queue entries of released keys, which would otherwise wait for their expiry.</summary>
    private void Compact()
    {
        _byExpiry.Clear();
        foreach (var (key, expiry) in _expiries) _byExpiry.Enqueue(key, expiry);
    }

    /// <summary>Removes a key unless it was released and claimed again since this entry was queued.</summary>
    private void Forget(string key, DateTimeOffset at)
    {
        if (_expiries.TryGetValue(key, out var expiry) && expiry == at) _expiries.Remove(key);
    }
}
