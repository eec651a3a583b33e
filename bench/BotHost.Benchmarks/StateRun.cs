using System.Diagnostics;
using System.Globalization;
using BotHost.Core.State;
using BotHost.State.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BotHost.Benchmarks;

/// <summary>
/// Per-call latency of the shared state calls a message makes (issue #18's target: p99 under 2 ms on loopback): Slack
/// event de-duplication (<c>SET NX PX</c>) and the member rate limit (the sliding-window Lua script) on Redis, next to the
/// embedded in-memory stores. One caller at a time, then 16 at once (as a busy replica's requests overlap).
/// Run: <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- state HOST:PORT [calls]</c>.
/// </summary>
internal static class StateRun
{
    private const int Concurrency = 16;

    public static async Task RunAsync(TextWriter output, string redis, int calls)
    {
        var options = Options.Create(new StateOptions { Redis = redis, KeyPrefix = $"bench-{Guid.NewGuid():N}:" });
        await using var connection = new RedisConnection(options, TimeProvider.System, NullLogger<RedisConnection>.Instance);
        await connection.ConnectAsync();
        var embeddedClaims = new InMemoryEventDeduplicator(options, TimeProvider.System);
        var embeddedLimits = new InMemoryRateLimitStore(options, TimeProvider.System);
        var claims = new RedisEventDeduplicator(connection, new InMemoryEventDeduplicator(options, TimeProvider.System));
        var limits = new RedisRateLimitStore(connection, new InMemoryRateLimitStore(options, TimeProvider.System), TimeProvider.System);
        var window = TimeSpan.FromMinutes(15);

        output.WriteLine($"state calls, {calls:N0} each after 2,000 warm-up calls; Redis at {redis}; milliseconds");
        output.WriteLine("call                                    callers     p50     p90     p99   p99.9     max   calls/s");
        foreach (var callers in new[] { 1, Concurrency })
        {
            await ReportAsync(output, "embedded de-duplication", callers, calls, i => embeddedClaims.TryClaimAsync($"event:{i}", window, default));
            await ReportAsync(output, "redis de-duplication (SET NX PX)", callers, calls, i => claims.TryClaimAsync($"event:{callers}:{i}", window, default));
            await ReportAsync(output, "embedded rate limit", callers, calls, i => embeddedLimits.TryAcquireAsync($"member:{i % 1000}", 1_000_000, TimeSpan.FromMinutes(1), default));
            await ReportAsync(output, "redis rate limit (Lua sliding window)", callers, calls,
                i => limits.TryAcquireAsync($"member:{callers}:{i % 1000}", 1_000_000, TimeSpan.FromMinutes(1), default));
        }

        if (!connection.Health.Healthy) output.WriteLine($"warning: {connection.Health.Detail}: some calls fell back to memory");
    }

    private static async Task ReportAsync(TextWriter output, string name, int callers, int calls, Func<int, ValueTask<bool>> call)
    {
        for (var i = 0; i < 2_000; i++) await call(-i - 1);
        var samples = new double[calls];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                var at = Stopwatch.GetTimestamp();
                await call(i);
                samples[i] = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40}{callers,7} {At(samples, 0.50),7:0.000} {At(samples, 0.90),7:0.000} {At(samples, 0.99),7:0.000} {At(samples, 0.999),7:0.000} {samples[^1],7:0.000} {calls / elapsed.TotalSeconds,9:N0}"));
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
