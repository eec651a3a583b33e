namespace BotHost.Testing;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> that also counts the timers still armed, so a test can assert that a
/// component armed one and disposed it when stopped. The library does not expose its timers, hence this subclass.
/// </summary>
public sealed class TimerCountingTimeProvider() : FakeTimeProvider(TestClock.Start)
{
    private int _active;

    /// <summary>Timers created and not yet disposed.</summary>
    public int ActiveTimers => Volatile.Read(ref _active);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Interlocked.Increment(ref _active);
        return timer;
    }

    private sealed class CountedTimer(ITimer inner, TimerCountingTimeProvider owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref owner._active);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
