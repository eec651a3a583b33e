namespace BotHost.Slack;

/// <summary>
/// Settings of the Slack adapter, bound from the "Slack" configuration section (<c>Slack__SigningSecret</c>, ...).
/// Secrets come only from the environment; none of them is ever logged.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The default Web API base (https://docs.slack.dev/apis/web-api/).</summary>
    public static readonly Uri DefaultApiBaseUrl = new("https://slack.com/api/");

    /// <summary>Verifies requests to <c>/slack/events</c>, <c>/slack/commands</c> and <c>/slack/interactivity</c>; setting it maps them.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token (<c>xoxb-…</c>) for the Web API: replies to mentions and DMs, private replies, moderator alerts.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Receive over Socket Mode WebSockets instead of (or as well as) HTTP request URLs.</summary>
    public bool SocketMode { get; set; }

    /// <summary>Web API base URL; tests point it at a loopback server. Plain http is accepted only for loopback hosts.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Timeout of one Web API or response_url call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a call rejected with HTTP 429 is retried after its Retry-After.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>A Retry-After longer than this is not waited for: the call fails and is logged.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Concurrent Socket Mode connections; Slack's SDKs keep a second one so a refresh never leaves a gap (Slack allows 10).</summary>
    public int SocketModeConnections { get; set; } = 2;

    /// <summary>How long a new Socket Mode connection may take to say <c>hello</c>.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>WebSocket ping interval; the Node SDK pings every 5 s.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection whose pong does not arrive within this time is dropped and replaced (idle watchdog).</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay after a dropped connection (before jitter); doubles per failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long an event id is remembered to drop Slack's retries (Slack retries for several minutes); how many are
    /// remembered at once is Core's <c>State__DeduplicationCapacity</c>.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>True when the HTTP endpoints are on.</summary>
    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>True when Socket Mode is on.</summary>
    public bool SocketModeEnabled => SocketMode;

    /// <summary>True when a bot token is configured (mentions, DMs and alerts can be answered).</summary>
    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>True when any way of receiving from Slack is on.</summary>
    public bool Enabled => HttpEnabled || SocketModeEnabled;

    /// <summary>The URL of a Web API method under <see cref="ApiBaseUrl"/>.</summary>
    public Uri MethodUrl(string method)
    {
        var text = ApiBaseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + method : text + "/" + method);
    }
}
