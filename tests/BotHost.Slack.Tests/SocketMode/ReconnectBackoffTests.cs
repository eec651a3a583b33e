using BotHost.Slack.SocketMode;
using BotHost.Slack.Tests.Fakes;

namespace BotHost.Slack.Tests.SocketMode;

public sealed class ReconnectBackoffTests
{
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
    public void Delay_ConsecutiveFailures_GrowsWithEqualJitterUpToTheMaximum(double random, int failures, int expectedMs)
    {
        var backoff = new ReconnectBackoff(TestOptions.Wrap(TestOptions.Create()), new FixedRandom(random));

        var delay = backoff.Delay(failures);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }
}
