using BotHost.Core.Adapters;
using BotHost.Testing;

namespace BotHost.Core.Tests.Adapters;

public sealed class ExponentialBackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.5, 0, 500)]
    [InlineData(0.5, 1, 1_000)]
    [InlineData(0.5, 2, 2_000)]
    [InlineData(0.5, 3, 4_000)]
    [InlineData(0.5, 6, 32_000)]
    [InlineData(0.5, 7, 60_000)]
    [InlineData(0.5, 1000, 60_000)]
    [InlineData(0.0, 1000, 0)]
    public void Delay_FullJitter_DoublesUpToTheCapFromZero(double random, int failures, int expectedMs)
    {
        var backoff = new ExponentialBackoff(Second, TimeSpan.FromMinutes(2), BackoffJitter.Full, new FixedRandom(random));

        var delay = backoff.Delay(failures);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.5, 0, 500)]
    [InlineData(0.0, 1, 1000)]
    [InlineData(1.0, 1, 2000)]
    [InlineData(0.0, 2, 2000)]
    [InlineData(0.0, 3, 4000)]
    [InlineData(0.0, 10, 60_000)]
    [InlineData(1.0, 10, 120_000)]
    [InlineData(1.0, 1000, 120_000)]
    public void Delay_EqualJitter_FirstRetryWithinTheFirstDelayThenAtLeastHalfTheCap(double random, int failures, int expectedMs)
    {
        var backoff = new ExponentialBackoff(Second, TimeSpan.FromMinutes(2), BackoffJitter.Equal, new FixedRandom(random));

        var delay = backoff.Delay(failures);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Delay_RealRandomness_BetweenZeroAndTheCapAndSpread()
    {
        var backoff = new ExponentialBackoff(Second, TimeSpan.FromMinutes(2), BackoffJitter.Full, new Random(20261122));

        var delays = Enumerable.Range(0, 200).Select(i => (Failures: i % 12, Delay: backoff.Delay(i % 12))).ToList();

        Assert.All(delays, d =>
        {
            var cap = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(2).Ticks, Second.Ticks << d.Failures));
            Assert.InRange(d.Delay, TimeSpan.Zero, cap);
            Assert.NotEqual(cap, d.Delay);
        });
        Assert.True(delays.Select(d => d.Delay).Distinct().Count() > 100, "full jitter spreads the delays");
    }

    [Fact]
    public void Delay_NegativeFailures_Throws()
    {
        var backoff = new ExponentialBackoff(Second, TimeSpan.FromMinutes(2), BackoffJitter.Full, new FixedRandom(0.5));

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.Delay(-1));
    }
}
