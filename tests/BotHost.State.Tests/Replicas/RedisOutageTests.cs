using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace BotHost.State.Tests.Replicas;

/// <summary>
/// Redis stopped while a replica runs: members are still answered (from the replica's memory), <c>/readyz</c> stays 200
/// and says Redis is degraded, and the replica goes back to Redis when it returns. Uses a Redis of its own, which it stops.
/// </summary>
[Collection(ReplicaGroup.Name)]
public sealed class RedisOutageTests
{
    [StateServersFact]
    public async Task Redis_StoppedMidRunThenBack_AnswersThroughoutAndRecovers()
    {
        var port = ServeProcess.FreePort();
        var redis = StartRedis(port);
        try
        {
            await using var bot = await SlackReplicas.StartAsync(count: 1, redis: $"127.0.0.1:{port}");
            await bot.MentionAsync(0, "Ev0OUTAGE1", "U0OUTAGE", "what is sextortion");
            await SlackReplicas.EventuallyAsync(() => bot.Replied() >= 1, "the reply with Redis up");

            redis.Kill();
            await redis.WaitForExitAsync();
            await bot.MentionAsync(0, "Ev0OUTAGE2", "U0OUTAGE", "how do i report csam");
            await SlackReplicas.EventuallyAsync(() => bot.Replied() >= 2, "the reply with Redis down");
            var down = await bot.Replicas[0].ReadyzAsync();

            redis.Dispose();
            redis = StartRedis(port);
            var up = await RecoveredAsync(bot);
            await SlackReplicas.OutputShowsAsync(bot.Replicas[0], "Redis is back");

            Assert.Equal(HttpStatusCode.OK, down.Status);
            Assert.Contains("redis: degraded", down.Text, StringComparison.Ordinal);
            Assert.Contains("redis: ok", up, StringComparison.Ordinal);
        }
        finally
        {
            if (!redis.HasExited) redis.Kill();
            redis.Dispose();
        }
    }

    /// <summary>Keeps sending messages (each one tries Redis) until <c>/readyz</c> says Redis is back.</summary>
    private static async Task<string> RecoveredAsync(SlackReplicas bot)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; watch.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            await bot.MentionAsync(0, $"Ev0BACK{i}", $"U0BACK{i}", "what is sextortion");
            var (_, text) = await bot.Replicas[0].ReadyzAsync();
            if (text.Contains("redis: ok", StringComparison.Ordinal)) return text;
            await Task.Delay(500); // StackExchange.Redis reconnects on its own schedule
        }

        return (await bot.Replicas[0].ReadyzAsync()).Text;
    }

    /// <summary>A Redis of the test's own on <paramref name="port"/>, which the test may stop.</summary>
    internal static Process StartRedis(int port)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.BeginOutputReadLine();
        return process;
    }
}
