using BotHost.Core.State;
using BotHost.State.Redis;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BotHost.State.Tests.Redis;

/// <summary>The Redis stores against the real server: the same behaviour as the embedded ones, shared between instances.</summary>
public sealed class RedisStoreTests : IAsyncDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly string _prefix = StateServers.UniquePrefix();
    private readonly List<RedisConnection> _connections = [];

    /// <summary>One replica's view: its own connection and fallback, the shared server.</summary>
    private (RedisEventDeduplicator Claims, RedisRateLimitStore Limits, RedisSharedCounter Counter, RedisConnection Connection) Replica(string? redis = null)
    {
        var options = Options.Create(new StateOptions { Redis = redis ?? StateServers.RequireRedis(), KeyPrefix = _prefix });
        var connection = new RedisConnection(options, _time, NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        var local = new EmbeddedState(_time);
        return (new RedisEventDeduplicator(connection, local.Claims), new RedisRateLimitStore(connection, local.Limits, _time),
            new RedisSharedCounter(connection, local.Counter), connection);
    }

    [RedisFact]
    public async Task TryClaimAsync_SameIdOnTwoReplicas_OnlyTheFirstClaims()
    {
        var (a, b) = (Replica(), Replica());

        var first = await a.Claims.TryClaimAsync("event:Ev1", Window, default);
        var second = await b.Claims.TryClaimAsync("event:Ev1", Window, default);

        Assert.True(first);
        Assert.False(second);
        Assert.True(a.Connection.Health.Healthy);
    }

    [RedisFact]
    public async Task ReleaseAsync_OnOneReplica_TheOtherCanClaim()
    {
        var (a, b) = (Replica(), Replica());
        await a.Claims.TryClaimAsync("event:Ev1", Window, default);

        await a.Claims.ReleaseAsync("event:Ev1", default);

        Assert.True(await b.Claims.TryClaimAsync("event:Ev1", Window, default));
    }

    [RedisFact]
    public async Task TryClaimAsync_Claimed_KeyExpiresAfterTheWindowOnTheServer()
    {
        var a = Replica();

        await a.Claims.TryClaimAsync("event:Ev1", Window, default);

        await using var raw = await ConnectionMultiplexer.ConnectAsync(StateServers.RequireRedis());
        var ttl = await raw.GetDatabase().KeyTimeToLiveAsync(_prefix + "dedup:event:Ev1");
        Assert.InRange(ttl!.Value, Window - TimeSpan.FromMinutes(1), Window);
    }

    [RedisFact]
    public async Task TryAcquireAsync_AlternatingReplicas_OneSharedLimit()
    {
        var (a, b) = (Replica(), Replica());

        var results = new List<bool>();
        for (var i = 0; i < 6; i++) results.Add(await (i % 2 == 0 ? a : b).Limits.TryAcquireAsync("member:1", 5, TimeSpan.FromMinutes(1), default));

        Assert.Equal([true, true, true, true, true, false], results);
    }

    [RedisFact]
    public async Task TryAcquireAsync_WindowSlides_PlacesFreeAsTheClockMoves()
    {
        var a = Replica();
        await a.Limits.TryAcquireAsync("member:1", 2, TimeSpan.FromMinutes(1), default);
        _time.Advance(TimeSpan.FromSeconds(30));
        await a.Limits.TryAcquireAsync("member:1", 2, TimeSpan.FromMinutes(1), default);
        var full = await a.Limits.TryAcquireAsync("member:1", 2, TimeSpan.FromMinutes(1), default);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(full);
        Assert.True(await a.Limits.TryAcquireAsync("member:1", 2, TimeSpan.FromMinutes(1), default));
        Assert.False(await a.Limits.TryAcquireAsync("member:1", 2, TimeSpan.FromMinutes(1), default));
    }

    [RedisFact]
    public async Task TryAcquireAsync_ManyConcurrentCallers_NeverMoreThanTheLimit()
    {
        var (a, b) = (Replica(), Replica());

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).Limits.TryAcquireAsync("member:2", 7, TimeSpan.FromMinutes(1), default).AsTask()));

        Assert.Equal(7, results.Count(r => r));
    }

    [RedisFact]
    public async Task TakeAsync_CountedOnTwoReplicas_TakenOnceWhole()
    {
        var (a, b) = (Replica(), Replica());
        await a.Counter.IncrementAsync("alert-merged:m", TimeSpan.FromMinutes(5), default);
        await b.Counter.IncrementAsync("alert-merged:m", TimeSpan.FromMinutes(5), default);

        var taken = await b.Counter.TakeAsync("alert-merged:m", default);
        var again = await a.Counter.TakeAsync("alert-merged:m", default);

        Assert.Equal(2, taken);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task TryClaimAsync_RedisUnreachable_FallsBackToMemoryAndReportsDegraded()
    {
        var a = Replica("127.0.0.1:1,connectTimeout=200");

        var first = await a.Claims.TryClaimAsync("event:Ev1", Window, default);
        var repeat = await a.Claims.TryClaimAsync("event:Ev1", Window, default);
        var limited = await a.Limits.TryAcquireAsync("member:1", 1, TimeSpan.FromMinutes(1), default)
            && !await a.Limits.TryAcquireAsync("member:1", 1, TimeSpan.FromMinutes(1), default);

        Assert.True(first);
        Assert.False(repeat);
        Assert.True(limited);
        Assert.False(a.Connection.Health.Healthy);
        Assert.Contains("degraded", a.Connection.Health.Detail, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
