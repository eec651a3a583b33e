using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Testing.Slack;

/// <summary>
/// Slack on a loopback port, as far as the bot can tell: the Web API under <see cref="ApiBaseUrl"/> (records every
/// call, answers from a script or with Slack-shaped defaults, 429 with Retry-After and ok:false errors on demand),
/// response_urls under <c>/hooks/</c>, and Socket Mode WebSockets: <c>apps.connections.open</c> hands out
/// <c>ws://…/link/?ticket=N</c> and every accepted socket is given to the test as a <see cref="LoopbackSocket"/>.
/// </summary>
public sealed class LoopbackSlackServer : IAsyncDisposable
{
    public const string BotUserId = "UBOTHOST";
    public const string BotId = "BBOTHOST";
    public const string DirectMessageChannel = "DBOTHOST1";
    public const string PostedTs = "1700000000.000100";

    private readonly WebApplication _app;
    private readonly LoopbackScript _script = new();
    private readonly Channel<LoopbackSocket> _sockets = Channel.CreateUnbounded<LoopbackSocket>();
    private int _socketCount;
    private int _tickets;

    private LoopbackSlackServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapPost("/api/{method}", (HttpContext context, string method) => AnswerAsync(context, method));
        _app.MapPost("/hooks/{**path}", (HttpContext context, string path) => AnswerAsync(context, "hooks/" + path));
        _app.Map("/link", AcceptSocketAsync);
    }

    /// <summary>Send <c>hello</c> as soon as a socket is accepted (Slack always does).</summary>
    public bool AutoHello { get; set; } = true;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Use as <c>Slack__ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _script.Requests;

    public static async Task<LoopbackSlackServer> StartAsync()
    {
        var server = new LoopbackSlackServer();
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A response_url on this server; requests to it are recorded under <c>hooks/{name}</c>.</summary>
    public Uri ResponseUrl(string name) => new(BaseUrl, "hooks/" + name);

    /// <summary>The next answers to <paramref name="target"/> (a method such as chat.postMessage, or hooks/{name}).</summary>
    public void Enqueue(string target, params LoopbackResponse[] responses) => _script.Enqueue(target, responses);

    /// <summary>Every request received for <paramref name="target"/>, in order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string target) => _script.RequestsTo(target);

    /// <summary>The next request for <paramref name="target"/> that has not been read with this method yet.</summary>
    public Task<RecordedRequest> NextRequestAsync(string target, TimeSpan? timeout = null) => _script.NextRequestAsync(target, timeout);

    /// <summary>The next WebSocket the bot opened.</summary>
    public async Task<LoopbackSocket> NextSocketAsync(TimeSpan? timeout = null) =>
        await _sockets.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? LoopbackSocket.DefaultTimeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context, string target) => _script.AnswerAsync(context, target, (t, _) => Default(t));

    private LoopbackResponse Default(string target) => target switch
    {
        "auth.test" => LoopbackResponse.Json($$"""
            {"ok":true,"url":"https://loopback.slack.com/","team":"Loopback","user":"bothost","team_id":"T111","user_id":"{{BotUserId}}","bot_id":"{{BotId}}"}
            """),
        "chat.postMessage" => LoopbackResponse.Json($$$"""{"ok":true,"channel":"C111","ts":"{{{PostedTs}}}","message":{"text":""}}"""),
        "chat.postEphemeral" => LoopbackResponse.Json("""{"ok":true,"message_ts":"1700000000.000200"}"""),
        "conversations.open" => LoopbackResponse.Json($$$"""{"ok":true,"channel":{"id":"{{{DirectMessageChannel}}}"}}"""),
        "apps.connections.open" => LoopbackResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ok"] = true,
            ["url"] = new Uri(BaseUrl, "link/?ticket=" + Interlocked.Increment(ref _tickets).ToString(CultureInfo.InvariantCulture))
                .AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal),
        })),
        _ when target.StartsWith("hooks/", StringComparison.Ordinal) => new LoopbackResponse(200, "ok", "text/plain"),
        _ => LoopbackResponse.Error("unknown_method"),
    };

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        using var socket = new LoopbackSocket(webSocket, Interlocked.Increment(ref _socketCount), context.Request.QueryString.Value);
        var running = socket.RunAsync();
        if (AutoHello) await socket.SendHelloAsync();
        _sockets.Writer.TryWrite(socket);
        await running;
    }
}
