using System.Text.Json;

namespace BotHost.Slack.Wire;

/// <summary>
/// Any text frame Slack sends over a Socket Mode WebSocket: <c>hello</c>, <c>disconnect</c>, or an envelope of type
/// <c>events_api</c>, <c>slash_commands</c> or <c>interactive</c> (https://api.slack.com/apis/socket-mode).
/// </summary>
internal sealed record SocketModeFrame
{
    public string? Type { get; init; }

    /// <summary>Envelopes only: acknowledged by sending it back.</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>Envelopes only: the same body the HTTP request would carry.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>True when the ack may carry a response payload (slash commands).</summary>
    public bool? AcceptsResponsePayload { get; init; }

    /// <summary><c>events_api</c> only: 0 for the first delivery.</summary>
    public int? RetryAttempt { get; init; }

    public string? RetryReason { get; init; }

    /// <summary><c>disconnect</c> only: <c>warning</c>, <c>refresh_requested</c>, <c>too_many_websockets</c>, <c>link_disabled</c>.</summary>
    public string? Reason { get; init; }

    /// <summary><c>hello</c> and <c>disconnect</c>: the app's open connections as Slack counts them.</summary>
    public int? NumConnections { get; init; }
}
