using System.Net;
using BotHost.Discord.Rest;
using BotHost.Testing;

namespace BotHost.Discord.Tests.Rest;

/// <summary>The rate limiter's memory stays bounded however many distinct routes (one per interaction) it sees.</summary>
public sealed class DiscordRateLimiterTests
{
    private const int DistinctRoutes = 100_000;
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task AcquireAsync_OneHundredThousandInteractionRoutes_KeepsAtMostMaxRoutes()
    {
        var limiter = new DiscordRateLimiter(_time);
        var highest = 0;

        for (var i = 0; i < DistinctRoutes; i++)
        {
            using (await limiter.AcquireAsync(InteractionRoute(i), CancellationToken.None))
            {
                limiter.Update(InteractionRoute(i), Headers(bucket: $"b{i}", remaining: 0, resetAfter: 1));
            }

            highest = Math.Max(highest, limiter.RouteCount);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(highest, 1, DiscordRateLimiter.MaxRoutes);
        Assert.InRange(limiter.BlockedCount, 1, DiscordRateLimiter.MaxRoutes);
    }

    [Fact]
    public async Task AcquireAsync_RouteInUseWhileManyOthersPass_KeepsItsLock()
    {
        var limiter = new DiscordRateLimiter(_time);
        var held = await limiter.AcquireAsync(ChannelRoute, CancellationToken.None);

        await PassManyRoutesAsync(limiter);
        var second = limiter.AcquireAsync(ChannelRoute, CancellationToken.None);

        Assert.False(second.IsCompleted);
        held.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_BlockedRouteWhileManyOthersPass_StillWaitsForTheBlock()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.RateLimited(ChannelRoute, TimeSpan.FromSeconds(5), global: false);

        await PassManyRoutesAsync(limiter);
        var next = limiter.AcquireAsync(ChannelRoute, CancellationToken.None);

        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        (await next).Dispose();
    }

    private static readonly RouteKey ChannelRoute = new("POST channels/{channel.id}/messages", "42");

    private static async Task PassManyRoutesAsync(DiscordRateLimiter limiter)
    {
        for (var i = 0; i < DiscordRateLimiter.MaxRoutes * 2; i++)
        {
            using var lease = await limiter.AcquireAsync(InteractionRoute(i), CancellationToken.None);
        }
    }

    private static RouteKey InteractionRoute(int i) => new("POST interactions/{interaction.id}/{interaction.token}/callback", $"{i}", UsesGlobalLimit: false);

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(string bucket, int remaining, double resetAfter)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Bucket", bucket);
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response.Headers;
    }
}
