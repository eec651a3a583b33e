using BotHost.Discord.Gateway;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotHost.Discord.Tests.Gateway;

public sealed class GatewayIdentifyLimiterTests
{
    private static readonly GatewayBotInfo Info = new(new Uri("wss://gateway.discord.gg/"), 1, 999, TimeSpan.FromHours(4), 1);

    [Fact]
    public async Task WaitAsync_FirstIdentifyOfShardZero_DoesNotWait()
    {
        var limiter = new GatewayIdentifyLimiter(new DiscordOptions(), new FakeTimeProvider(TestClock.Start), NullLogger.Instance);

        var wait = limiter.WaitAsync(Info, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public async Task WaitAsync_WithinFiveSecondsOfTheLastIdentify_WaitsTheRest()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var limiter = new GatewayIdentifyLimiter(new DiscordOptions(), time, NullLogger.Instance);
        limiter.Identified();
        time.Advance(TimeSpan.FromSeconds(2));

        var wait = limiter.WaitAsync(Info, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2.9));
        var completedEarly = wait.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(0.1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(completedEarly);
    }

    [Theory]
    [InlineData(3, 1, 15)]
    [InlineData(3, 2, 5)]
    [InlineData(3, 16, 0)]
    public async Task WaitAsync_FirstIdentify_WaitsForTheShardsBucketTurn(int shardId, int maxConcurrency, int expectedSeconds)
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var limiter = new GatewayIdentifyLimiter(new DiscordOptions { ShardId = shardId, ShardCount = 32 }, time, NullLogger.Instance);

        var wait = limiter.WaitAsync(Info with { MaxConcurrency = maxConcurrency }, CancellationToken.None);
        if (expectedSeconds > 0) time.Advance(TimeSpan.FromSeconds(expectedSeconds) - TimeSpan.FromMilliseconds(1));
        var completedEarly = expectedSeconds > 0 && wait.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(completedEarly);
    }

    [Fact]
    public async Task ClaimAsync_AnotherShardOfTheBucketJustIdentified_WaitsForTheSharedClaimToExpire()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var claims = new EmbeddedState(time).Claims;
        var info = Info with { MaxConcurrency = 2 };
        var shard0 = new GatewayIdentifyLimiter(new DiscordOptions { ShardId = 0, ShardCount = 4 }, time, NullLogger.Instance, claims);
        var shard2 = new GatewayIdentifyLimiter(new DiscordOptions { ShardId = 2, ShardCount = 4 }, time, NullLogger.Instance, claims);
        shard2.Identified();
        time.Advance(TimeSpan.FromMinutes(1));
        await shard0.WaitAsync(info, CancellationToken.None);
        await shard0.ClaimAsync(CancellationToken.None);
        shard0.Identified();
        await shard2.WaitAsync(info, CancellationToken.None);

        var wait = shard2.ClaimAsync(CancellationToken.None);
        time.Advance(GatewayIdentifyLimiter.Window - TimeSpan.FromMilliseconds(1));
        var completedEarly = wait.IsCompleted;
        time.Advance(GatewayIdentifyLimiter.ClaimRetry);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(completedEarly);
    }

    [Fact]
    public async Task ClaimAsync_ShardsOfOtherBuckets_DoNotWaitForEachOther()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var claims = new EmbeddedState(time).Claims;
        var info = Info with { MaxConcurrency = 2 };
        var shard0 = new GatewayIdentifyLimiter(new DiscordOptions { ShardId = 0, ShardCount = 2 }, time, NullLogger.Instance, claims);
        var shard1 = new GatewayIdentifyLimiter(new DiscordOptions { ShardId = 1, ShardCount = 2 }, time, NullLogger.Instance, claims);

        await shard0.WaitAsync(info, CancellationToken.None);
        await shard0.ClaimAsync(CancellationToken.None);
        await shard1.WaitAsync(info, CancellationToken.None);
        var wait = shard1.ClaimAsync(CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }
}
