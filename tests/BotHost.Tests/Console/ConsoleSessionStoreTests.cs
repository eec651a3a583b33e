using BotHost.Console;
using BotHost.Console.Access;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Console;

public sealed class ConsoleSessionStoreTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly ConsoleSessionStore _store;

    public ConsoleSessionStoreTests() => _store = new ConsoleSessionStore(Options.Create(new ConsoleOptions()), _time);

    [Fact]
    public void Touch_JustBeforeTheIdleTimeout_KeepsTheSessionAndRestartsItsClock()
    {
        var session = _store.Create(ConsoleRole.Admin);

        _time.Advance(TimeSpan.FromMinutes(14));
        var first = _store.Touch(session.Id);
        _time.Advance(TimeSpan.FromMinutes(14));
        var second = _store.Touch(session.Id);

        Assert.Same(session, first);
        Assert.Same(session, second);
    }

    [Fact]
    public void Touch_AfterFifteenIdleMinutes_EndsTheSession()
    {
        var session = _store.Create(ConsoleRole.Moderator, "discord", "1");

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(_store.Touch(session.Id));
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void End_SignedOut_CannotBeUsedAgain()
    {
        var session = _store.Create(ConsoleRole.Admin);

        _store.End(session.Id);

        Assert.Null(_store.Touch(session.Id));
    }

    [Fact]
    public void Create_BeyondCapacity_EndsTheLeastRecentlyUsedSession()
    {
        var oldest = _store.Create(ConsoleRole.Admin);
        _time.Advance(TimeSpan.FromSeconds(1));
        var kept = _store.Create(ConsoleRole.Admin);
        for (var i = 2; i < ConsoleSessionStore.Capacity; i++) _store.Create(ConsoleRole.Admin);
        _time.Advance(TimeSpan.FromSeconds(1));
        _store.Touch(kept.Id);

        _store.Create(ConsoleRole.Admin);

        Assert.Equal(ConsoleSessionStore.Capacity, _store.Count);
        Assert.Null(_store.Touch(oldest.Id));
        Assert.NotNull(_store.Touch(kept.Id));
    }

    [Fact]
    public void Create_TwoSessions_HaveDifferentUnguessableIds()
    {
        var a = _store.Create(ConsoleRole.Admin);
        var b = _store.Create(ConsoleRole.Admin);

        Assert.NotEqual(a.Id, b.Id);
        Assert.True(a.Id.Length >= 43);
    }

    [Fact]
    public void Create_100000SignInsForDistinctCommunities_CountStaysAtCapacity()
    {
        var max = 0;
        for (var i = 0; i < 100_000; i++)
        {
            _store.Create(ConsoleRole.Moderator, "discord", $"guild-{i}");
            if (i % 1_000 == 0) _time.Advance(TimeSpan.FromSeconds(1));
            max = Math.Max(max, _store.Count);
        }

        Assert.Equal(ConsoleSessionStore.Capacity, max);
    }

    [Fact]
    public void Touch_100000DistinctUnknownCookieValues_HoldsNothing()
    {
        var session = _store.Create(ConsoleRole.Admin);

        for (var i = 0; i < 100_000; i++) Assert.Null(_store.Touch($"forged-{i}"));

        Assert.Equal(1, _store.Count);
        Assert.Same(session, _store.Touch(session.Id));
    }
}
