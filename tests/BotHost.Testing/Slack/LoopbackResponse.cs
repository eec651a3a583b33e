using System.Globalization;

namespace BotHost.Testing.Slack;

/// <summary>What the loopback Slack server answers to one request.</summary>
public sealed record LoopbackResponse(int Status, string Body, string ContentType = "application/json; charset=utf-8")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, the answer waits for this task (or for the client to give up): a server that does not answer.</summary>
    public Task? Hold { get; init; }

    public static LoopbackResponse Json(string body) => new(200, body);

    /// <summary><c>{"ok":false,"error":code}</c> with HTTP 200, as Slack reports errors.</summary>
    public static LoopbackResponse Error(string code) => new(200, $$"""{"ok":false,"error":"{{code}}"}""");

    /// <summary>HTTP 429 with <c>Retry-After</c> in seconds.</summary>
    public static LoopbackResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""")
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        };
}
