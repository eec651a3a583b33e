using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>The embedded <see cref="ISharedCounter"/>: counts in this process's memory, expiring on the injected clock, bounded.</summary>
public sealed class InMemorySharedCounter(IOptions<StateOptions> options, TimeProvider time) : ISharedCounter
{
    private readonly ConcurrentDictionary<string, Entry> _counts = new(StringComparer.Ordinal);

    /// <summary>Keys counted now (at most <see cref="StateOptions.DeduplicationCapacity"/>).</summary>
    public int Count => _counts.Count;

    public ValueTask IncrementAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        Increment(key, lifetime);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> TakeAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Take(key));

    public void Increment(string key, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        if (_counts.Count >= options.Value.DeduplicationCapacity) Prune(now);
        _counts.AddOrUpdate(key, _ => new Entry(1, now + lifetime), (_, e) => new Entry(e.Expires > now ? e.Count + 1 : 1, now + lifetime));
    }

    public long Take(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _counts.TryRemove(key, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Count : 0;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _counts)
        {
            if (entry.Expires <= now) _counts.TryRemove(key, out _);
        }

        if (_counts.Count >= options.Value.DeduplicationCapacity) _counts.Clear();
    }

    private sealed record Entry(long Count, DateTimeOffset Expires);
}
