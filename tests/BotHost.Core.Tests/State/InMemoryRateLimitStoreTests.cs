using BotHost.Testing;

namespace BotHost.Core.Tests.State;

public sealed class InMemoryRateLimitStoreTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task TryAcquireAsync_PastTheLimitWithinTheWindow_False()
    {
        var store = new EmbeddedState(_time).Limits;

        var results = new List<bool>();
        for (var i = 0; i < 4; i++) results.Add(await store.TryAcquireAsync("m1", 3, Minute, default));

        Assert.Equal([true, true, true, false], results);
    }

    [Fact]
    public void TryAcquire_WindowSlides_OldestPlaceFreesFirst()
    {
        var store = new EmbeddedState(_time).Limits;
        store.TryAcquire("m1", 2, Minute);
        _time.Advance(TimeSpan.FromSeconds(30));
        store.TryAcquire("m1", 2, Minute);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(store.TryAcquire("m1", 2, Minute));
        Assert.False(store.TryAcquire("m1", 2, Minute));
    }

    [Fact]
    public void TryAcquire_OtherKey_LimitedSeparately()
    {
        var store = new EmbeddedState(_time).Limits;
        store.TryAcquire("m1", 1, Minute);

        Assert.True(store.TryAcquire("m2", 1, Minute));
    }

    [Fact]
    public void TryAcquire_ManyMembers_KeysStayWithinCapacity()
    {
        var store = new EmbeddedState(_time, capacity: 100).Limits;

        for (var i = 0; i < 1_000; i++) store.TryAcquire($"m{i}", 5, Minute);

        Assert.InRange(store.Count, 1, 100);
    }

    [Fact]
    public void TryAcquire_100000DistinctMembers_KeysStayUnderTheDefaultCapacity()
    {
        var state = new EmbeddedState(_time);
        var store = state.Limits;

        for (var i = 0; i < 100_000; i++) store.TryAcquire($"m{i}", 5, Minute);

        Assert.InRange(store.Count, 1, state.Options.Value.DeduplicationCapacity);
    }
}
