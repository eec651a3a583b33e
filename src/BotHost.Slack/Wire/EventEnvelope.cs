namespace BotHost.Slack.Wire;

/// <summary>
/// The outer body of an Events API request, or the payload of a Socket Mode <c>events_api</c> envelope:
/// <c>url_verification</c> or <c>event_callback</c> (https://api.slack.com/apis/events-api#callback-field).
/// </summary>
internal sealed record EventEnvelope
{
    /// <summary><c>url_verification</c>, <c>event_callback</c> or <c>app_rate_limited</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Only for <c>url_verification</c>: echoed back as plain text.</summary>
    public string? Challenge { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    public SlackEvent? Event { get; init; }

    /// <summary>Globally unique across workspaces; retries carry the same id.</summary>
    public string? EventId { get; init; }

    public long? EventTime { get; init; }
}
