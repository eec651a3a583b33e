using BotHost.Discord.Gateway;

namespace BotHost.Discord.Tests.Gateway;

public sealed class GatewayReconnectBackoffTests
{
    private static readonly DiscordOptions Options = new() { ReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromMinutes(2) };

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
    public void Delay_ConsecutiveFailures_DoublesUpToTheCapWithFullJitter(double random, int failures, int expectedMs)
    {
        var backoff = new GatewayReconnectBackoff(Options, new FixedRandom(random));

        var delay = backoff.Delay(failures);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Delay_RealRandomness_BetweenZeroAndTheCap()
    {
        var backoff = new GatewayReconnectBackoff(Options, new Random(20261122));

        var delays = Enumerable.Range(0, 200).Select(i => (Failures: i % 12, Delay: backoff.Delay(i % 12))).ToList();

        Assert.All(delays, d =>
        {
            var cap = TimeSpan.FromTicks(Math.Min(Options.MaxReconnectDelay.Ticks, Options.ReconnectDelay.Ticks << d.Failures));
            Assert.InRange(d.Delay, TimeSpan.Zero, cap);
            Assert.NotEqual(cap, d.Delay);
        });
        Assert.True(delays.Select(d => d.Delay).Distinct().Count() > 100, "full jitter spreads the delays");
    }

    [Fact]
    public void Delay_NegativeFailures_Throws()
    {
        var backoff = new GatewayReconnectBackoff(Options, new FixedRandom(0.5));

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.Delay(-1));
    }
}
