namespace BotHost.Core.Adapters;

/// <summary>
/// Keeps an adapter's <see cref="AdapterStatus"/> up to date for /readyz and /metrics. The adapter changes its own
/// fields inside <see cref="Update"/>; the tracker recomputes the status from them and keeps <c>Since</c> while the
/// state stays the same.
/// </summary>
public sealed class AdapterStatusTracker(TimeProvider time, Func<(AdapterState State, string? Detail, long Reconnects)> compute)
{
    private readonly Lock _gate = new();
    private AdapterStatus? _status;

    public AdapterStatus Status
    {
        get
        {
            lock (_gate) return _status ??= Next();
        }
    }

    /// <summary>Applies <paramref name="change"/> to the adapter's fields under the tracker's lock, then recomputes.</summary>
    public void Update(Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            change();
            var next = Next();
            if (_status is null || next.State != _status.State || next.Detail != _status.Detail || next.Reconnects != _status.Reconnects) _status = next;
        }
    }

    private AdapterStatus Next()
    {
        var (state, detail, reconnects) = compute();
        var since = _status is { } current && current.State == state ? current.Since : time.GetUtcNow();
        return new AdapterStatus(state, detail, reconnects, since);
    }
}
