namespace BotHost.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code under test starts waiting on a timer (Task.Delay,
/// WaitAsync with a timeout, a heartbeat), so the test advances the clock exactly then instead of sleeping. One clock
/// for every adapter's tests (the Discord gateway's, Slack's Socket Mode, the REST clients').
/// </summary>
public sealed class ObservedTimeProvider : TimeProvider, IDisposable
{
    private static readonly TimeSpan SafetyLimit = TimeSpan.FromSeconds(20);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _created = new(0);
    private readonly List<TimeSpan> _requested = [];
    private readonly List<TimeSpan> _unclaimed = [];
    private TaskCompletionSource _createdSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake { get; } = new(TestClock.Start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>A copy of the due times of the timers started so far, relative to the clock when each was started.</summary>
    public IReadOnlyList<TimeSpan> Requested
    {
        get
        {
            lock (_gate) return [.. _requested];
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Armed before the test hears of it, so an Advance right after the wait fires it.
        var timer = new ObservedTimer(this, Fake.CreateTimer(callback, state, dueTime, period));
        Started(dueTime);
        return timer;
    }

    /// <summary>
    /// Records a timer that starts running. A timer created stopped (as <c>CancellationTokenSource.CancelAfter</c> and
    /// so Polly's timeouts create theirs) counts when <see cref="ITimer.Change"/> starts it.
    /// </summary>
    private void Started(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return;
        TaskCompletionSource signal;
        lock (_gate)
        {
            _requested.Add(dueTime);
            _unclaimed.Add(dueTime);
            signal = _createdSignal;
            _createdSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _created.Release();
        signal.TrySetResult();
    }

    /// <summary>
    /// Waits (bounded by a generous real-time safety limit) until some code creates a timer due in
    /// <paramref name="due"/> that no earlier call claimed; other timers (an HTTP attempt's timeout, say) are ignored.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        var deadline = DateTime.UtcNow + SafetyLimit;
        while (true)
        {
            Task created;
            lock (_gate)
            {
                if (_unclaimed.Remove(due)) return;
                created = _createdSignal.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no timer due in {due} was created; requested: {string.Join(", ", Requested)}");
            await created.WaitAsync(left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits (bounded by a generous real-time safety limit) until some code creates a timer.</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await _created.WaitAsync(SafetyLimit)) throw new TimeoutException("no timer was created");
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Waits until a timer due in <paramref name="due"/> is started, then advances the clock past it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan due)
    {
        await WaitForTimerAsync(due);
        Advance(due);
    }

    private sealed class ObservedTimer(ObservedTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed) owner.Started(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public void Dispose() => _created.Dispose();
}
