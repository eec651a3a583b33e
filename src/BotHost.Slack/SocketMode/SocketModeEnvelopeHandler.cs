using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Slack.Inbound;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.SocketMode;

/// <summary>
/// Turns a Socket Mode envelope into work and says how to acknowledge it: with its <c>envelope_id</c> at once,
/// before any answering (https://api.slack.com/apis/socket-mode: "acknowledge" each envelope within 3 seconds). The same envelope arriving twice (a
/// second connection, a refresh) is acknowledged and dropped. When the queue is full an <c>events_api</c> envelope is
/// left unacknowledged so Slack delivers it again (with <c>retry_attempt</c>); a slash command gets the busy message in
/// its ack, the one place a response payload is useful (the answer itself comes later through response_url).
/// </summary>
internal sealed partial class SocketModeEnvelopeHandler(SlackInbox inbox, ILogger<SocketModeEnvelopeHandler> logger)
{
    /// <summary>The ack to send, or null to leave the envelope unacknowledged.</summary>
    public async ValueTask<SocketModeAck?> HandleAsync(SocketModeFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (string.IsNullOrEmpty(frame.EnvelopeId)) return null;
        using var span = BotTracing.StartMessage(SlackAdapter.PlatformName, "socket_mode");
        var id = frame.EnvelopeId;
        if (!await inbox.TryClaimEnvelopeAsync(id, cancellationToken))
        {
            LogDuplicateEnvelope(frame.Type);
            return new SocketModeAck(id);
        }

        var result = frame.Type switch
        {
            SocketModeFrameType.EventsApi when Parse(frame, SlackJsonContext.Default.EventEnvelope) is { } envelope =>
                await inbox.AcceptEventAsync(envelope, frame.RetryAttempt ?? 0, string.IsNullOrEmpty(frame.RetryReason) ? null : frame.RetryReason,
                    cancellationToken),
            SocketModeFrameType.SlashCommands when Parse(frame, SlackJsonContext.Default.SlashCommandPayload) is { } command =>
                inbox.AcceptCommand(command),
            SocketModeFrameType.Interactive when Parse(frame, SlackJsonContext.Default.BlockActionsPayload) is { } interaction =>
                inbox.AcceptInteraction(interaction),
            _ => InboxResult.Ignored,
        };
        if (result != InboxResult.Busy) return new SocketModeAck(id);

        await inbox.ReleaseEnvelopeAsync(id, cancellationToken);
        return frame.Type switch
        {
            SocketModeFrameType.EventsApi => null,
            SocketModeFrameType.SlashCommands when frame.AcceptsResponsePayload == true =>
                new SocketModeAck(id, new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, SlackMrkdwn.Escape(BotTexts.Busy))),
            _ => new SocketModeAck(id),
        };
    }

    private T? Parse<T>(SocketModeFrame frame, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return frame.Payload is { ValueKind: JsonValueKind.Object } payload ? payload.Deserialize(type) : null;
        }
        catch (JsonException)
        {
            LogBadPayload(frame.Type);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode envelope ({Type}) already received; acknowledged again")]
    private partial void LogDuplicateEnvelope(string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode envelope ({Type}) with a payload that could not be read; acknowledged and dropped")]
    private partial void LogBadPayload(string? type);
}
