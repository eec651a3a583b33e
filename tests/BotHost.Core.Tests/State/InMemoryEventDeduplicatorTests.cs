using BotHost.Core.State;
using BotHost.Testing;

namespace BotHost.Core.Tests.State;

public sealed class InMemoryEventDeduplicatorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    private InMemoryEventDeduplicator Create(int capacity = 50_000) => new EmbeddedState(_time, capacity).Claims;

    [Fact]
    public async Task TryClaimAsync_SameIdWithinWindow_FalseTheSecondTime()
    {
        var dedup = Create();

        var first = await dedup.TryClaimAsync("event:Ev1", Window, default);
        _time.Advance(TimeSpan.FromMinutes(14));
        var second = await dedup.TryClaimAsync("event:Ev1", Window, default);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public void TryClaim_SameIdAfterWindow_TrueAgain()
    {
        var dedup = Create();
        dedup.TryClaim("event:Ev1", Window);

        _time.Advance(Window);

        Assert.True(dedup.TryClaim("event:Ev1", Window));
    }

    [Fact]
    public void TryClaim_AtCapacity_ForgetsTheOldestFirst()
    {
        var dedup = Create(capacity: 100);
        for (var i = 0; i < 100; i++) dedup.TryClaim($"event:{i}", Window);

        var newest = dedup.TryClaim("event:new", Window);

        Assert.True(newest);
        Assert.Equal(100, dedup.Count);
        Assert.True(dedup.TryClaim("event:0", Window));
        Assert.False(dedup.TryClaim("event:99", Window));
    }

    [Fact]
    public async Task ReleaseAsync_ClaimedId_CanBeClaimedAgain()
    {
        var dedup = Create();
        dedup.TryClaim("event:Ev1", Window);

        await dedup.ReleaseAsync("event:Ev1", default);

        Assert.True(dedup.TryClaim("event:Ev1", Window));
        Assert.False(dedup.TryClaim("event:Ev1", Window));
    }

    [Fact]
    public void TryClaim_ReleasedAndClaimedAgain_OldEntryDoesNotExpireTheNewClaim()
    {
        var dedup = Create();
        dedup.TryClaim("event:Ev1", Window);
        dedup.Release("event:Ev1");
        _time.Advance(TimeSpan.FromMinutes(10));
        dedup.TryClaim("event:Ev1", Window);

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.False(dedup.TryClaim("event:Ev1", Window));
    }
}
