using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using BotHost.State.Redis;
using BotHost.Testing.Discord;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BotHost.State.Tests.Sharding;

/// <summary>
/// Discord as the shard processes of one bot see it, on loopback: <c>GET /api/v10/gateway/bot</c> (the shard count and
/// <see cref="MaxConcurrency"/>, which the test may change between rounds) and the gateway (the Discord tests'
/// <see cref="LoopbackDiscordGateway"/>) played automatically: HELLO, heartbeat ACKs, READY after IDENTIFY. Like Discord
/// (discord.com/developers/docs/events/gateway-events#invalid-session), an IDENTIFY arriving within 5 seconds (less
/// <see cref="Tolerance"/>) of an accepted one of the same bucket (<c>shard_id % max_concurrency</c>) is answered with
/// INVALID_SESSION instead of READY. Every
/// IDENTIFY is recorded with the gateway's own receive time and the time to live its bucket's claim key had in Redis
/// at that moment (the key <c>GatewayIdentifyLimiter</c> claims). HELLO can be held back until a number of sockets are
/// open, so shards reconnecting at different moments all receive it at once: the pacing must then come from the
/// shared claim, not from when each process happened to connect.
/// </summary>
public sealed class ShardGateway : IAsyncDisposable
{
    /// <summary>Discord's identify window: one IDENTIFY per bucket per 5 seconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much sooner than <see cref="Window"/> the gateway may see the next IDENTIFY of a bucket: a shard claims its
    /// bucket just before it sends, and the gateway's clock sees the send later by however long a loaded machine takes to
    /// run it. Far below what a missing claim leaves: shards given HELLO together then identify within milliseconds.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    private const string HelloJson = """{"op":10,"d":{"heartbeat_interval":45000}}""";

    private readonly LoopbackDiscordGateway _gateway;
    private readonly WebApplication _rest;
    private readonly ConnectionMultiplexer _redis;
    private readonly string _claimKeyPrefix;
    private readonly int _shardCount;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<IdentifyRecord> _identifies = [];
    private readonly Dictionary<int, LoopbackGatewaySocket> _sessions = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _helloGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _helloHeld;
    private int _helloWaiting;
    private int _maxConcurrency = 1;
    private int _round;

    private ShardGateway(LoopbackDiscordGateway gateway, WebApplication rest, ConnectionMultiplexer redis, string keyPrefix, int shardCount)
    {
        _gateway = gateway;
        _rest = rest;
        _redis = redis;
        _claimKeyPrefix = keyPrefix + "dedup:discord-identify:";
        _shardCount = shardCount;
        _accepting = AcceptAsync();
    }

    /// <summary>Use as <c>Discord__ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = new("http://127.0.0.1/api/v10");

    /// <summary><c>session_start_limit.max_concurrency</c> in <c>GET /gateway/bot</c> and the buckets the gateway enforces.</summary>
    public int MaxConcurrency
    {
        get => Volatile.Read(ref _maxConcurrency);
        set => Volatile.Write(ref _maxConcurrency, value);
    }

    /// <summary>Every IDENTIFY received so far, in order.</summary>
    public IReadOnlyList<IdentifyRecord> Identifies
    {
        get
        {
            lock (_gate) return [.. _identifies];
        }
    }

    /// <param name="redis">The Redis the shard processes share (host:port), read for the claim keys.</param>
    /// <param name="keyPrefix">Their <c>State__KeyPrefix</c>.</param>
    public static async Task<ShardGateway> StartAsync(string redis, string keyPrefix, int shardCount)
    {
        var gateway = await LoopbackDiscordGateway.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var rest = builder.Build();
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configuration(redis));
        var server = new ShardGateway(gateway, rest, connection, keyPrefix, shardCount);
        rest.MapGet("/api/v10/gateway/bot", server.GatewayBot);
        rest.Map("/api/v10/{**path}", () => Results.Json(new { message = "404: Not Found", code = 0 }, statusCode: StatusCodes.Status404NotFound));
        await rest.StartAsync();
        server.ApiBaseUrl = new Uri(rest.Urls.First().TrimEnd('/') + "/api/v10");
        return server;
    }

    /// <summary>The next <paramref name="sockets"/> connections receive HELLO together, once all of them are open.</summary>
    public void HoldHelloFor(int sockets)
    {
        lock (_gate)
        {
            _helloHeld = sockets;
            _helloWaiting = 0;
            _helloGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Starts a new round: answers every shard's session with INVALID_SESSION (<c>d: false</c>), so each must IDENTIFY
    /// again, and holds HELLO until all of them have reconnected. Returns the round's number for <see cref="IdentifiesIn"/>.
    /// </summary>
    public async Task<int> InvalidateAllAsync()
    {
        List<LoopbackGatewaySocket> sessions;
        int round;
        lock (_gate)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
            round = ++_round;
        }

        HoldHelloFor(sessions.Count);
        foreach (var socket in sessions) await socket.SendAsync("""{"op":9,"d":false}""");
        return round;
    }

    /// <summary>The IDENTIFYs of round <paramref name="round"/> (0: the first sessions).</summary>
    public IReadOnlyList<IdentifyRecord> IdentifiesIn(int round) => [.. Identifies.Where(i => i.Round == round)];

    /// <summary>True when every shard has a session (READY) started in round <paramref name="round"/>.</summary>
    public bool AllReadyIn(int round) => IdentifiesIn(round).Where(i => i.Accepted).Select(i => i.Shard).Distinct().Count() == _shardCount;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _gateway.DisposeAsync();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _rest.StopAsync();
        await _rest.DisposeAsync();
        await _redis.DisposeAsync();
        _stop.Dispose();
    }

    private IResult GatewayBot() => Results.Text(
        $$$"""{"url":"{{{_gateway.GatewayUrl.AbsoluteUri}}}","shards":{{{_shardCount}}},"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":{{{MaxConcurrency}}}}}""",
        "application/json");

    private async Task AcceptAsync()
    {
        var playing = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await _gateway.NextSocketAsync(Timeout.InfiniteTimeSpan).WaitAsync(_stop.Token);
                playing.Add(Task.Run(() => PlayAsync(socket)));
            }
        }
        finally
        {
            await Task.WhenAll(playing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Discord's side of one connection until it closes.</summary>
    private async Task PlayAsync(LoopbackGatewaySocket socket)
    {
        try
        {
            await HelloTurnAsync().WaitAsync(_stop.Token);
            await socket.SendAsync(HelloJson);
            while (true)
            {
                using var payload = JsonDocument.Parse(await socket.ReceiveAsync(Timeout.InfiniteTimeSpan));
                var root = payload.RootElement;
                switch (root.GetProperty("op").GetInt32())
                {
                    case 1:
                        await socket.SendAsync("""{"op":11}""");
                        break;
                    case 2:
                        await IdentifiedAsync(socket, root.GetProperty("d").GetProperty("shard")[0].GetInt32());
                        break;
                    case 6:
                        await socket.SendAsync("""{"op":9,"d":false}"""); // no resumable sessions here
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // The connection ended (the shard reconnects, or the test is over).
        }
    }

    private Task HelloTurnAsync()
    {
        lock (_gate)
        {
            if (_helloHeld == 0) return Task.CompletedTask;
            if (++_helloWaiting == _helloHeld)
            {
                _helloHeld = 0;
                _helloGate.TrySetResult();
            }

            return _helloGate.Task;
        }
    }

    private async Task IdentifiedAsync(LoopbackGatewaySocket socket, int shard)
    {
        var at = _clock.Elapsed;
        var maxConcurrency = MaxConcurrency;
        var bucket = shard % maxConcurrency;
        var claimTtl = await ClaimTtlAsync(bucket);
        bool accepted;
        lock (_gate)
        {
            accepted = !_identifies.Any(i => i.Accepted && i.Bucket == bucket && i.MaxConcurrency == maxConcurrency && at - i.At < Window - Tolerance);
            _identifies.Add(new IdentifyRecord(shard, bucket, maxConcurrency, at, claimTtl, accepted, _round));
            if (accepted) _sessions[shard] = socket;
        }

        await socket.SendAsync(accepted ? Ready(shard) : """{"op":9,"d":false}""");
    }

    /// <summary>
    /// True when the gateway's own Redis connection answers. It reads the claim keys through it, and after an outage it
    /// reconnects on StackExchange.Redis's schedule, independently of the shard processes' connections.
    /// </summary>
    public async Task<bool> RedisAnswersAsync()
    {
        try
        {
            await _redis.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            return false;
        }
    }

    /// <summary>The remaining life of the bucket's claim key in Redis; null when there is none (or Redis is down).</summary>
    private async Task<TimeSpan?> ClaimTtlAsync(int bucket)
    {
        try
        {
            return await _redis.GetDatabase().KeyTimeToLiveAsync(_claimKeyPrefix + bucket.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            return null;
        }
    }

    private string Ready(int shard)
    {
        var id = shard.ToString(CultureInfo.InvariantCulture);
        return $$$$"""
            {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"1100000000000000042","username":"bothost","discriminator":"0","bot":true},"guilds":[],
            "session_id":"shard-{{{{id}}}}-{{{{_clock.ElapsedTicks}}}}","resume_gateway_url":"{{{{_gateway.ResumeUrl.AbsoluteUri}}}}","shard":[{{{{id}}}},{{{{_shardCount}}}}],
            "application":{"id":"1100000000000000043","flags":0}}}
            """;
    }
}

/// <summary>One IDENTIFY the gateway received.</summary>
/// <param name="At">The gateway's receive time (from its own start).</param>
/// <param name="ClaimTtl">What was left of the bucket's claim in Redis when it arrived; null when there was no claim.</param>
/// <param name="Accepted">READY (true) or INVALID_SESSION for identifying too fast in its bucket (false).</param>
/// <param name="Round">0 for the first sessions, then each <see cref="ShardGateway.InvalidateAllAsync"/>.</param>
public sealed record IdentifyRecord(int Shard, int Bucket, int MaxConcurrency, TimeSpan At, TimeSpan? ClaimTtl, bool Accepted, int Round);
