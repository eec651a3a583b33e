using BotHost.Core.State;
using BotHost.Testing;

namespace BotHost.Core.Tests.State;

public sealed class InMemoryMemberRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task TryAcquireAsync_OverTheLimitThenAWindowLater_RefusedThenAllowed()
    {
        var limiter = new InMemoryMemberRateLimiter(_time);
        for (var i = 0; i < 3; i++) await limiter.TryAcquireAsync("m1", 3, Minute, CancellationToken.None);

        var over = await limiter.TryAcquireAsync("m1", 3, Minute, CancellationToken.None);
        var otherMember = await limiter.TryAcquireAsync("m2", 3, Minute, CancellationToken.None);
        _time.Advance(Minute);
        var later = await limiter.TryAcquireAsync("m1", 3, Minute, CancellationToken.None);

        Assert.False(over);
        Assert.True(otherMember);
        Assert.True(later);
    }

    [Fact]
    public async Task TryAcquireAsync_100000MembersOverTime_IdleMembersForgotten()
    {
        var limiter = new InMemoryMemberRateLimiter(_time);

        for (var i = 0; i < 100_000; i++)
        {
            await limiter.TryAcquireAsync($"m{i}", 5, Minute, CancellationToken.None);
            if (i % 1_000 == 999) _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.InRange(limiter.Count, 1, 6 * 1_000 + InMemoryMemberRateLimiter.SweepEvery);
    }
}
