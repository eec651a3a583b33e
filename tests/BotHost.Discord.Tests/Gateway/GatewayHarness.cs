using System.Globalization;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Core.State;
using BotHost.Discord.Gateway;
using BotHost.Testing;
using BotHost.Testing.Discord;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>
/// A started <see cref="DiscordGatewayClient"/> with real WebSockets (ClientWebSocket) to the loopback gateway
/// (Kestrel), a fake clock, randomness fixed at 0.5 (first heartbeat at half the interval, back-off at half its cap,
/// INVALID_SESSION wait 3 s), a fake <c>GET /gateway/bot</c>, recorded dispatches and logs.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    /// <summary>Nothing like a real token, and unique enough to search every log line for.</summary>
    public const string Token = "loopback-fake-bot-token-do-not-log-5c1e";

    public const string BotUserId = "1100000000000000042";
    public const string SessionId = "loopback-session-7";

    /// <summary>Half of HELLO's heartbeat_interval (45 000 ms) with jitter 0.5.</summary>
    public static readonly TimeSpan FirstHeartbeat = TimeSpan.FromSeconds(22.5);

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(45);

    private GatewayHarness(LoopbackDiscordGateway server, DiscordOptions options, bool sharedClaims)
    {
        Server = server;
        Options = options;
        Urls = new FakeGatewayUrlSource(server.GatewayUrl);
        Claims = sharedClaims ? new EmbeddedState(Clock).Claims : null;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Adapter = new DiscordAdapter(wrapped, Clock);
        Client = new DiscordGatewayClient(wrapped, Urls, new ClientWebSocketConnector(new WebSocketSettings("gateway", 16 * 1024 * 1024, options.RequestTimeout), TimeProvider.System), Dispatches, Adapter, Identity,
            Clock, new FixedRandom(0.5), Logs.CreateLogger<DiscordGatewayClient>(), Claims);
    }

    public LoopbackDiscordGateway Server { get; }

    public DiscordOptions Options { get; }

    public ObservedTimeProvider Clock { get; } = new();

    public FakeGatewayUrlSource Urls { get; }

    public RecordingDispatchHandler Dispatches { get; } = new();

    public DiscordAdapter Adapter { get; }

    public DiscordBotIdentity Identity { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public DiscordGatewayClient Client { get; }

    /// <summary>The claims the client's identify limiter shares with other shard processes (Redis in production); null unless asked for.</summary>
    public InMemoryEventDeduplicator? Claims { get; }

    /// <summary>READY for <see cref="SessionId"/> with <c>s</c> 1, resuming at the loopback's <c>/resume</c>.</summary>
    public string Ready => $$$$"""
        {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"{{{{BotUserId}}}}","username":"bothost","discriminator":"0","bot":true},
        "guilds":[],"session_id":"{{{{SessionId}}}}","resume_gateway_url":"{{{{Server.ResumeUrl.AbsoluteUri}}}}","application":{"id":"1100000000000000043","flags":0}}}
        """;

    /// <param name="sharedClaims">Give the client identify-bucket claims the test can hold as another shard process would.</param>
    public static async Task<GatewayHarness> StartAsync(Action<DiscordOptions>? configure = null, Action<FakeGatewayUrlSource>? urls = null, bool sharedClaims = false)
    {
        var server = await LoopbackDiscordGateway.StartAsync();
        var options = new DiscordOptions { BotToken = Token };
        configure?.Invoke(options);
        var harness = new GatewayHarness(server, options, sharedClaims);
        urls?.Invoke(harness.Urls);
        await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>RESUMED with sequence <paramref name="sequence"/>.</summary>
    public static string Resumed(long sequence) =>
        $$$"""{"op":0,"s":{{{sequence.ToString(CultureInfo.InvariantCulture)}}},"t":"RESUMED","d":{}}""";

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A barrier: asks for a heartbeat (op 1) and reads up to the client's answer. Payloads are handled in order, so
    /// everything sent before has been handled when this returns. Returns what the client sent on the way.
    /// </summary>
    public static async Task<List<string>> SyncAsync(LoopbackGatewaySocket socket)
    {
        await socket.SendAsync(GatewayPayloadFiles.Heartbeat);
        var sent = new List<string>();
        while (true)
        {
            var next = await socket.ReceiveAsync();
            if (Json(next).GetProperty("op").GetInt32() == 1) return sent;
            sent.Add(next);
        }
    }

    /// <summary>Takes the next connection, says HELLO (the example payload) and returns the client's answer (IDENTIFY or RESUME).</summary>
    public async Task<(LoopbackGatewaySocket Socket, JsonElement Answer)> HelloAsync()
    {
        var socket = await Server.NextSocketAsync();
        await socket.SendAsync(GatewayPayloadFiles.Hello);
        return (socket, Json(await socket.ReceiveAsync()));
    }

    /// <summary>A session as far as READY (handled when this returns).</summary>
    public async Task<LoopbackGatewaySocket> ReadyAsync()
    {
        var (socket, _) = await HelloAsync();
        await socket.SendAsync(Ready);
        await SyncAsync(socket);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Client.StopAsync(stop.Token);
        Client.Dispose();
        await Server.DisposeAsync();
        Logs.Dispose();
        Clock.Dispose();
    }
}
