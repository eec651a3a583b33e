using BotHost.State.Tests.Replicas;

namespace BotHost.State.Tests.Sharding;

/// <summary>
/// Real shard processes sharing Redis against the loopback gateway (issue #18): they never IDENTIFY faster than
/// <c>max_concurrency</c> allows, because each claims its bucket in Redis just before it sends IDENTIFY. The gateway
/// gives every shard HELLO at the same moment, so nothing but the shared claim can space them out. Assertions are on
/// the gateway's order and buckets, its receive times (with <see cref="ShardGateway.Tolerance"/>) and the claim keys it
/// finds in Redis, never on how long anything took.
/// </summary>
[Collection(ReplicaGroup.Name)]
public sealed class ShardIdentifyTests
{
    [RedisFact]
    public async Task Identify_ThreeShardProcessesOnOneRedis_NoBucketIdentifiesTwiceInAWindow()
    {
        // Shards 0, 1 and 2 of 3: with max_concurrency 1 all three share bucket 0; with 2, shards 0 and 2 share bucket 0
        // and shard 1 has bucket 1 to itself.
        await using var bot = await ShardProcesses.StartAsync(StateServers.RequireRedis(), [0, 1, 2], shardCount: 3, maxConcurrency: 1);
        var oneBucket = bot.Gateway.IdentifiesIn(0);
        var waitedInOneBucket = bot.Occurrences(ShardProcesses.BucketBusy);
        var shardOneWaited = bot.Occurrences(1, ShardProcesses.BucketBusy);

        bot.Gateway.MaxConcurrency = 2;
        var twoBuckets = await bot.ReidentifyAsync();

        AssertPaced(oneBucket, [0, 1, 2], bucketsExpected: 1);
        Assert.InRange(waitedInOneBucket, 1, 2); // the shards given HELLO together waited for each other's claim
        AssertPaced(twoBuckets, [0, 1, 2], bucketsExpected: 2);
        Assert.Equal(shardOneWaited, bot.Occurrences(1, ShardProcesses.BucketBusy)); // alone in bucket 1: waits for no one
    }

    [RedisFact]
    public async Task Identify_RedisStoppedThenBack_ShardsStayConnectedAndPacingReturns()
    {
        var port = ServeProcess.FreePort();
        var redis = RedisOutageTests.StartRedis(port);
        try
        {
            await using var bot = await ShardProcesses.StartAsync($"127.0.0.1:{port}", [0, 1], shardCount: 2, maxConcurrency: 1);
            AssertPaced(bot.Gateway.IdentifiesIn(0), [0, 1], bucketsExpected: 1);

            redis.Kill();
            await redis.WaitForExitAsync();
            var withoutRedis = await bot.ReidentifyAsync();
            string[] down = [await bot.ReadyzAsync(0), await bot.ReadyzAsync(1)];

            redis.Dispose();
            redis = RedisOutageTests.StartRedis(port);
            await RecoveredAsync(bot);
            var recovered = await bot.ReidentifyAsync();
            string[] up = [await bot.ReadyzAsync(0), await bot.ReadyzAsync(1)];
            foreach (var shard in bot.Shards) await SlackReplicas.OutputShowsAsync(shard, "Redis cannot be reached");

            Assert.All(withoutRedis, i => Assert.Null(i.ClaimTtl));
            Assert.All(down, text => Assert.StartsWith("200\n", text, StringComparison.Ordinal));
            Assert.All(down, text => Assert.Contains("redis: degraded", text, StringComparison.Ordinal));
            Assert.All(down, text => Assert.Contains("discord: connected", text, StringComparison.Ordinal));
            AssertPaced(recovered, [0, 1], bucketsExpected: 1);
            Assert.All(up, text => Assert.Contains("redis: ok", text, StringComparison.Ordinal));
        }
        finally
        {
            if (!redis.HasExited) redis.Kill();
            redis.Dispose();
        }
    }

    /// <summary>
    /// One accepted IDENTIFY per shard, each sent while its bucket's claim was live in Redis, and within each bucket no
    /// two closer than Discord's window (less the tolerance).
    /// </summary>
    private static void AssertPaced(IReadOnlyList<IdentifyRecord> identifies, int[] shards, int bucketsExpected)
    {
        Assert.All(identifies, i => Assert.True(i.Accepted, $"shard {i.Shard} identified too soon after another of bucket {i.Bucket}"));
        Assert.Equal(shards, identifies.Select(i => i.Shard).Order());
        Assert.All(identifies, i => Assert.True(i.ClaimTtl > TimeSpan.Zero, $"shard {i.Shard} identified without a live claim of bucket {i.Bucket} in Redis"));
        Assert.Equal(bucketsExpected, identifies.Select(i => i.Bucket).Distinct().Count());
        foreach (var bucket in identifies.GroupBy(i => i.Bucket))
        {
            var times = bucket.Select(i => i.At).Order().ToList();
            for (var n = 1; n < times.Count; n++)
            {
                Assert.True(times[n] - times[n - 1] >= ShardGateway.Window - ShardGateway.Tolerance,
                    $"bucket {bucket.Key}: IDENTIFYs {(times[n] - times[n - 1]).TotalSeconds:0.000} s apart");
            }
        }
    }

    /// <summary>
    /// Has the shards identify again until both use Redis again (<c>/readyz</c> says <c>redis: ok</c>): a shard calls
    /// Redis only to claim its bucket, and StackExchange.Redis reconnects on its own schedule. The gateway reads the claims
    /// through a connection of its own, which reconnects on its own schedule too, so it must answer as well.
    /// </summary>
    private static async Task RecoveredAsync(ShardProcesses bot)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if ((await bot.ReadyzAsync(0)).Contains("redis: ok", StringComparison.Ordinal) && (await bot.ReadyzAsync(1)).Contains("redis: ok", StringComparison.Ordinal)
                && await bot.Gateway.RedisAnswersAsync())
            {
                return;
            }

            await bot.ReidentifyAsync();
        }
    }
}
