namespace BotHost.Discord;

/// <summary>
/// Settings of the Discord adapter, bound from the "Discord" configuration section (<c>Discord__PublicKey</c>, ...).
/// The bot token is a secret: it comes from the environment and is never logged.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The REST base of API v10 (https://discord.com/developers/docs/reference#api-versioning).</summary>
    public static readonly Uri DefaultApiBaseUrl = new("https://discord.com/api/v10");

    /// <summary>The application's id (a snowflake), from the Developer Portal's General Information page.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key (64 hex digits); setting it maps <c>POST /discord/interactions</c>.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token: REST (mentions, DMs, alerts, command registration) and, unless <see cref="Gateway"/> is false, the gateway.</summary>
    public string? BotToken { get; set; }

    /// <summary>Connect to the gateway when a bot token is set (mentions, DMs, and interactions when no endpoint URL is set).</summary>
    public bool Gateway { get; set; } = true;

    /// <summary>This process's shard (0-based); one process per shard group in large deployments.</summary>
    public int ShardId { get; set; }

    /// <summary>How many shards the bot runs in total.</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary>REST base URL; tests point it at a loopback server. Plain http is accepted only for loopback hosts.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Timeout of one REST call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a call rejected with HTTP 429 is retried after its <c>retry_after</c>.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>A <c>retry_after</c> longer than this is not waited for: the call fails and is logged.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an interaction may take to be answered inline. Discord invalidates the token after 3 seconds without
    /// a response, so past this the bot defers (type 5) and edits the original message when the answer is ready.
    /// </summary>
    public TimeSpan InlineDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First gateway reconnect delay (before jitter); doubles per failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest gateway reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a new gateway connection may take to send HELLO.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>True when <c>POST /discord/interactions</c> is on.</summary>
    public bool InteractionsEnabled => !string.IsNullOrWhiteSpace(PublicKey);

    /// <summary>True when a bot token is configured (REST calls with <c>Authorization: Bot</c>).</summary>
    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>True when the gateway connects.</summary>
    public bool GatewayEnabled => HasBotToken && Gateway;

    /// <summary>True when any way of receiving from Discord is on.</summary>
    public bool Enabled => InteractionsEnabled || GatewayEnabled;

    /// <summary>The URL of a REST route under <see cref="ApiBaseUrl"/> ("channels/1/messages").</summary>
    public Uri RouteUrl(string route)
    {
        var text = ApiBaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri(text + "/" + route.TrimStart('/'));
    }
}
