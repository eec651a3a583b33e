namespace BotHost.Serve;

/// <summary>
/// Runs an action once changes have stopped for <c>quietPeriod</c>: every <see cref="Notify"/> restarts the wait, so a
/// burst of file events (an editor's save, a <c>git pull</c>) becomes one reload. The action runs on a timer thread
/// from the injected <see cref="TimeProvider"/>, never on the caller's.
/// </summary>
internal sealed class ReloadDebouncer(TimeProvider time, TimeSpan quietPeriod, Action action) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    public TimeSpan QuietPeriod { get; } = quietPeriod > TimeSpan.Zero
        ? quietPeriod
        : throw new ArgumentOutOfRangeException(nameof(quietPeriod), quietPeriod, "the quiet period must be positive");

    /// <summary>Something changed: run the action after <see cref="QuietPeriod"/> unless something changes again first.</summary>
    public void Notify()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_timer is null) _timer = time.CreateTimer(_ => Fire(), null, QuietPeriod, Timeout.InfiniteTimeSpan);
            else _timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed) return;
        }

        action();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
