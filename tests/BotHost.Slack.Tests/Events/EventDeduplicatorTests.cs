using BotHost.Slack.Events;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;

namespace BotHost.Slack.Tests.Events;

public sealed class EventDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public void TryClaim_SameIdWithinWindow_FalseTheSecondTime()
    {
        var dedup = Create();

        var first = dedup.TryClaim("event:Ev1");
        _time.Advance(TimeSpan.FromMinutes(14));
        var second = dedup.TryClaim("event:Ev1");

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public void TryClaim_SameIdAfterWindow_TrueAgain()
    {
        var dedup = Create();
        dedup.TryClaim("event:Ev1");

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.True(dedup.TryClaim("event:Ev1"));
    }

    [Fact]
    public void TryClaim_AtCapacity_ForgetsTheOldestFirst()
    {
        var dedup = Create(capacity: 100);
        for (var i = 0; i < 100; i++) dedup.TryClaim($"event:{i}");

        var newest = dedup.TryClaim("event:new");

        Assert.True(newest);
        Assert.Equal(100, dedup.Count);
        Assert.True(dedup.TryClaim("event:0"));
        Assert.False(dedup.TryClaim("event:99"));
    }

    [Fact]
    public void Release_ClaimedId_CanBeClaimedAgain()
    {
        var dedup = Create();
        dedup.TryClaim("event:Ev1");

        dedup.Release("event:Ev1");

        Assert.True(dedup.TryClaim("event:Ev1"));
        Assert.False(dedup.TryClaim("event:Ev1"));
    }

    private EventDeduplicator Create(int capacity = 20_000) =>
        new(TestOptions.Wrap(TestOptions.Create(change: o => o.DeduplicationCapacity = capacity)), _time);
}
