using System.Globalization;
using System.Net;
using BotHost.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Testing.Discord;

/// <summary>
/// A loopback server that answers Discord's REST API v10 the way Discord does: every request under <c>/api/v10/</c> is
/// recorded as "METHOD path" (for example <c>POST channels/1/messages</c>) and answered from a script, else with
/// Discord's usual success body. Tests script 429s with the rate-limit headers to check the client's behaviour.
/// </summary>
public sealed class LoopbackDiscordApi : IAsyncDisposable
{
    public const string DirectMessageChannel = "900000000000000001";

    private readonly WebApplication _app;
    private readonly LoopbackScript _script = new();
    private int _messages;

    private LoopbackDiscordApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Map("/api/v10/{**path}", (HttpContext context, string path) => AnswerAsync(context, context.Request.Method + " " + path));
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Use as <c>Discord__ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/v10");

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _script.Requests;

    public static async Task<LoopbackDiscordApi> StartAsync()
    {
        var server = new LoopbackDiscordApi();
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The next answers to <paramref name="target"/> ("POST channels/1/messages").</summary>
    public void Enqueue(string target, params LoopbackResponse[] responses) => _script.Enqueue(target, responses);

    public IReadOnlyList<RecordedRequest> RequestsTo(string target) => _script.RequestsTo(target);

    /// <summary>The next request for <paramref name="target"/> not yet read with this method.</summary>
    public Task<RecordedRequest> NextRequestAsync(string target, TimeSpan? timeout = null) => _script.NextRequestAsync(target, timeout);

    /// <summary>A 429 as Discord sends it: JSON body with <c>retry_after</c> (seconds), <c>Retry-After</c> and the rate-limit headers.</summary>
    public static LoopbackResponse RateLimited(double retryAfterSeconds, bool global = false, string bucket = "abcd1234")
    {
        var seconds = retryAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Bucket"] = bucket;
            headers["X-RateLimit-Limit"] = "5";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = seconds;
        }

        return new LoopbackResponse(429, $$"""{"message":"You are being rate limited.","retry_after":{{seconds}},"global":{{(global ? "true" : "false")}}}""") { Headers = headers };
    }

    /// <summary>A success that leaves the bucket empty for <paramref name="resetAfterSeconds"/>.</summary>
    public static LoopbackResponse LastInBucket(string body, double resetAfterSeconds, string bucket = "abcd1234") => new(200, body)
    {
        Headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = resetAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A JSON error as Discord sends it (<c>{"message":..., "code":...}</c>).</summary>
    public static LoopbackResponse Error(int status, int code, string message) => new(status, $$"""{"message":"{{message}}","code":{{code}}}""");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context, string target) => _script.AnswerAsync(context, target, Default);

    private LoopbackResponse Default(string target, string body)
    {
        var id = (1_000_000_000_000_000_000L + Interlocked.Increment(ref _messages)).ToString(CultureInfo.InvariantCulture);
        return target switch
        {
            "POST users/@me/channels" => LoopbackResponse.Json($$"""{"id":"{{DirectMessageChannel}}","type":1}"""),
            "GET gateway/bot" => LoopbackResponse.Json(
                """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}"""),
            _ when target.StartsWith("PUT applications/", StringComparison.Ordinal) => LoopbackResponse.Json(Registered(body)),
            _ when target.StartsWith("POST interactions/", StringComparison.Ordinal) => new LoopbackResponse(204, string.Empty),
            _ when target.StartsWith("POST channels/", StringComparison.Ordinal) || target.StartsWith("PATCH webhooks/", StringComparison.Ordinal)
                || target.StartsWith("POST webhooks/", StringComparison.Ordinal) => LoopbackResponse.Json($$"""{"id":"{{id}}","type":0}"""),
            _ => Error(404, 10000, "404: Not Found"),
        };
    }

    /// <summary>Echoes registered commands with ids, as Discord's bulk overwrite does.</summary>
    private static string Registered(string body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var names = document.RootElement.EnumerateArray().Select((c, i) => (Name: c.GetProperty("name").GetString(), Id: 1_100_000_000_000_000_000L + i));
        return "[" + string.Join(",", names.Select(n => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["id"] = n.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = n.Name,
        }))) + "]";
    }
}
