using Microsoft.Extensions.Options;

namespace BotHost.Slack.Events;

/// <summary>
/// Remembers event ids (and envelope ids) for <see cref="SlackOptions.DeduplicationWindow"/> so Slack's retries and
/// deliveries over a second Socket Mode connection are answered once. Bounded: at capacity the oldest ids go first.
/// Expiry follows the injected clock.
/// </summary>
internal sealed class EventDeduplicator(IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

    public int Count
    {
        get
        {
            lock (_gate) return _seen.Count;
        }
    }

    /// <summary>True the first time <paramref name="key"/> is seen within the window; false for a repeat.</summary>
    public bool TryClaim(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            if (_seen.ContainsKey(key)) return false;
            while (_seen.Count >= options.Value.DeduplicationCapacity && _order.TryDequeue(out var oldest)) Forget(oldest);
            _seen[key] = now;
            _order.Enqueue((key, now));
            return true;
        }
    }

    /// <summary>Forgets a claim whose work could not be queued, so Slack's retry is processed.</summary>
    public void Release(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate) _seen.Remove(key);
    }

    private void Expire(DateTimeOffset now)
    {
        var horizon = now - options.Value.DeduplicationWindow;
        while (_order.TryPeek(out var oldest) && oldest.At <= horizon)
        {
            _order.Dequeue();
            Forget(oldest);
        }
    }

    /// <summary>Removes a queue entry's key unless the key was released and claimed again later.</summary>
    private void Forget((string Key, DateTimeOffset At) entry)
    {
        if (_seen.TryGetValue(entry.Key, out var at) && at == entry.At) _seen.Remove(entry.Key);
    }
}
