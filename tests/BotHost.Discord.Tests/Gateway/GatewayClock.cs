using BotHost.Testing;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when the client starts waiting on a timer (Task.Delay, a
/// heartbeat, a timeout), so the test advances the clock exactly then instead of sleeping.
/// </summary>
internal sealed class GatewayClock : TimeProvider
{
    private static readonly TimeSpan SafetyLimit = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _requested = [];
    private readonly List<TimeSpan> _unclaimed = [];
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake { get; } = new(TestClock.Start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>Due times of every timer created so far, relative to the clock when each was created.</summary>
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
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource created;
        lock (_gate)
        {
            _requested.Add(dueTime);
            _unclaimed.Add(dueTime);
            created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        created.TrySetResult();
        return timer;
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Waits (bounded by a real-time safety limit) until a timer due in <paramref name="due"/> is created, then advances past it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan due)
    {
        await WaitForTimerAsync(due);
        Advance(due);
    }

    /// <summary>Waits until a timer due in <paramref name="due"/> that no earlier call claimed has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        var deadline = DateTime.UtcNow + SafetyLimit;
        while (true)
        {
            Task created;
            lock (_gate)
            {
                if (_unclaimed.Remove(due)) return;
                created = _created.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no timer due in {due} was created; requested: {string.Join(", ", Requested)}");
            await created.WaitAsync(left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
