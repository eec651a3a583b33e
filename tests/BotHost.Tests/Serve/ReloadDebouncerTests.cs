using BotHost.Serve;
using BotHost.Testing;

namespace BotHost.Tests.Serve;

public sealed class ReloadDebouncerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly TimerCountingTimeProvider _time = new();
    private int _runs;

    private ReloadDebouncer Debouncer() => new(_time, Quiet, () => _runs++);

    [Fact]
    public void Notify_BurstOfChanges_RunsOnceAfterTheLastIsQuiet()
    {
        using var debouncer = Debouncer();
        for (var i = 0; i < 5; i++)
        {
            debouncer.Notify();
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(0, _runs);

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, _runs);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public void Notify_AfterARun_RunsAgainOnceQuiet()
    {
        using var debouncer = Debouncer();
        debouncer.Notify();
        _time.Advance(Quiet);

        debouncer.Notify();
        debouncer.Notify();
        _time.Advance(Quiet);

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Dispose_WithAChangePending_NeverRuns()
    {
        var debouncer = Debouncer();
        debouncer.Notify();

        debouncer.Dispose();
        debouncer.Notify();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _runs);
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void Constructor_ZeroQuietPeriod_Throws()
    {
        var create = () => new ReloadDebouncer(_time, TimeSpan.Zero, () => { });

        Assert.Throws<ArgumentOutOfRangeException>(create);
    }
}
