namespace BotHost.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code under test starts waiting on a timer (Task.Delay,
/// WaitAsync with a timeout), so the test advances the clock exactly then instead of sleeping.
/// </summary>
public sealed class ObservedTimeProvider : TimeProvider, IDisposable
{
    private readonly SemaphoreSlim _created = new(0);

    public FakeTimeProvider Fake { get; } = new(TestClock.Start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>Due times of the timers created so far, relative to the clock when each was created.</summary>
    public List<TimeSpan> Requested { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        lock (Requested) Requested.Add(dueTime);
        _created.Release();
        return timer;
    }

    /// <summary>Waits (bounded by a generous real-time safety limit) until some code creates a timer.</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await _created.WaitAsync(TimeSpan.FromSeconds(20))) throw new TimeoutException("no timer was created");
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    public void Dispose() => _created.Dispose();
}
