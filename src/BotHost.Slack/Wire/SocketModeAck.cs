namespace BotHost.Slack.Wire;

/// <summary>
/// The acknowledgement of a Socket Mode envelope: <c>{"envelope_id": "…"}</c>, with a message <c>payload</c> only
/// when the envelope accepts one (https://api.slack.com/apis/socket-mode; Slack's Python SDK omits a null payload).
/// </summary>
internal sealed record SocketModeAck(string EnvelopeId, ResponseUrlMessage? Payload = null);
