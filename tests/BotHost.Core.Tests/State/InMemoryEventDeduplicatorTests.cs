using BotHost.Core.State;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.State;

public sealed class InMemoryEventDeduplicatorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task TryClaimAsync_SameKeyWithinWindow_FalseTheSecondTime()
    {
        var dedup = Create();

        var first = await Claim(dedup, "event:Ev1");
        _time.Advance(TimeSpan.FromMinutes(14));
        var second = await Claim(dedup, "event:Ev1");

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task TryClaimAsync_SameKeyAfterWindow_TrueAgain()
    {
        var dedup = Create();
        await Claim(dedup, "event:Ev1");

        _time.Advance(Window);

        Assert.True(await Claim(dedup, "event:Ev1"));
    }

    [Fact]
    public async Task TryClaimAsync_KeysWithDifferentWindows_EachExpiresOnItsOwn()
    {
        var dedup = Create();
        await dedup.TryClaimAsync("feedback:a", TimeSpan.FromDays(1), CancellationToken.None);
        await Claim(dedup, "event:b");

        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(await Claim(dedup, "event:b"));
        Assert.False(await dedup.TryClaimAsync("feedback:a", TimeSpan.FromDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_AtCapacity_ForgetsTheKeyClosestToExpiryFirst()
    {
        var dedup = Create(capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            await Claim(dedup, $"event:{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var newest = await Claim(dedup, "event:new");

        Assert.True(newest);
        Assert.Equal(100, dedup.Count);
        Assert.True(await Claim(dedup, "event:0"));
        Assert.False(await Claim(dedup, "event:99"));
    }

    [Fact]
    public async Task TryClaimAsync_100000DistinctKeys_CountStaysAtCapacity()
    {
        var dedup = Create(capacity: 1_000);

        for (var i = 0; i < 100_000; i++) await Claim(dedup, $"event:{i}");

        Assert.Equal(1_000, dedup.Count);
    }

    [Fact]
    public async Task ReleaseAsync_ClaimedKey_CanBeClaimedAgain()
    {
        var dedup = Create();
        await Claim(dedup, "event:Ev1");

        await dedup.ReleaseAsync("event:Ev1", CancellationToken.None);

        Assert.True(await Claim(dedup, "event:Ev1"));
        Assert.False(await Claim(dedup, "event:Ev1"));
    }

    private static ValueTask<bool> Claim(InMemoryEventDeduplicator dedup, string key) => dedup.TryClaimAsync(key, Window, CancellationToken.None);

    private InMemoryEventDeduplicator Create(int capacity = 20_000) =>
        new(Options.Create(new StateOptions { DeduplicationCapacity = capacity }), _time);
}
