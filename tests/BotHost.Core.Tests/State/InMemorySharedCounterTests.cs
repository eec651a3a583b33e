using BotHost.Testing;

namespace BotHost.Core.Tests.State;

public sealed class InMemorySharedCounterTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task TakeAsync_AfterIncrements_ReturnsTheCountOnceThenZero()
    {
        var counter = new EmbeddedState(_time).Counter;
        await counter.IncrementAsync("k", TimeSpan.FromMinutes(5), default);
        await counter.IncrementAsync("k", TimeSpan.FromMinutes(5), default);

        var first = await counter.TakeAsync("k", default);
        var second = await counter.TakeAsync("k", default);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public void Take_AfterLifetime_Zero()
    {
        var counter = new EmbeddedState(_time).Counter;
        counter.Increment("k", TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, counter.Take("k"));
    }

    [Fact]
    public void Increment_100000DistinctKeys_CountStaysUnderTheCapacity()
    {
        var state = new EmbeddedState(_time);
        var counter = state.Counter;

        for (var i = 0; i < 100_000; i++) counter.Increment($"alert-merged:m{i}", TimeSpan.FromDays(1));

        Assert.InRange(counter.Count, 1, state.Options.Value.DeduplicationCapacity);
    }
}
