using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Testing.Discord;

/// <summary>
/// Discord's gateway on a loopback port, as far as a WebSocket client can tell: every WebSocket opened to any path
/// (<see cref="GatewayUrl"/> as <c>GET /gateway/bot</c> hands it out, <see cref="ResumeUrl"/> as READY's
/// <c>resume_gateway_url</c>) is given to the test as a <see cref="LoopbackGatewaySocket"/>, which then plays
/// Discord's part with plain JSON strings. It knows nothing of the protocol beyond WebSockets.
/// </summary>
public sealed class LoopbackDiscordGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<LoopbackGatewaySocket> _sockets = Channel.CreateUnbounded<LoopbackGatewaySocket>();
    private readonly ConcurrentQueue<LoopbackGatewaySocket> _all = new();
    private int _accepted;

    private LoopbackDiscordGateway()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(AcceptAsync);
    }

    /// <summary><c>ws://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("ws://127.0.0.1/");

    /// <summary>The URL a fake <c>GET /gateway/bot</c> hands out.</summary>
    public Uri GatewayUrl => new(BaseUrl, "gateway");

    /// <summary>The URL to send as READY's <c>resume_gateway_url</c>: the same server, another path.</summary>
    public Uri ResumeUrl => new(BaseUrl, "resume");

    /// <summary>How many WebSockets the server has accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Every accepted socket, in order.</summary>
    public IReadOnlyList<LoopbackGatewaySocket> Sockets => [.. _all];

    public static async Task<LoopbackDiscordGateway> StartAsync()
    {
        var server = new LoopbackDiscordGateway();
        await server._app.StartAsync();
        var http = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        server.BaseUrl = new UriBuilder(http) { Scheme = "ws" }.Uri;
        return server;
    }

    /// <summary>The next WebSocket the client opened.</summary>
    public async Task<LoopbackGatewaySocket> NextSocketAsync(TimeSpan? timeout = null) =>
        await _sockets.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? LoopbackGatewaySocket.DefaultTimeout);

    public async ValueTask DisposeAsync()
    {
        // Kestrel waits for open WebSocket requests on stop: drop whatever the client left open.
        foreach (var socket in _all) socket.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        using var socket = new LoopbackGatewaySocket(webSocket, Interlocked.Increment(ref _accepted), context.Request.Path.Value, context.Request.QueryString.Value);
        var running = socket.RunAsync();
        _all.Enqueue(socket);
        _sockets.Writer.TryWrite(socket);
        await running;
    }
}
