namespace BotHost.Core.Telemetry;

/// <summary>
/// The stages of answering a message: each is a child span of the message span (<c>bothost.{stage}</c>) and a
/// <c>bothost_stage_duration_seconds{stage}</c> histogram series.
/// </summary>
public static class PipelineStages
{
    /// <summary>The platform's request signature (Slack HMAC-SHA256, Discord Ed25519).</summary>
    public const string Signature = "signature";

    /// <summary>The urgent-message and refusal rules.</summary>
    public const string Safety = "safety";

    /// <summary>The knowledge base search that picks the answer.</summary>
    public const string Retrieval = "retrieval";

    /// <summary>Turning the reply into the platform's form (Discord embeds, Slack Block Kit).</summary>
    public const string Render = "render";

    /// <summary>One call to the platform's API (with its rate-limit waits and retries).</summary>
    public const string PlatformCall = "platform_call";

    /// <summary>The other handlers: excluded channels, the member rate limit, commands.</summary>
    public const string Channels = "channels";

    public const string RateLimit = "rate_limit";

    public const string Commands = "commands";
}
