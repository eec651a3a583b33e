using BotHost.Core.Adapters;
using BotHost.Core.State;
using BotHost.Slack.Events;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Inbound;

/// <summary>
/// Where HTTP requests and Socket Mode envelopes meet: deduplicates, queues the work and says at once how to
/// acknowledge. Nothing slow happens here, so Slack is always acknowledged within its 3-second deadline.
/// </summary>
internal sealed partial class SlackInbox(
    IReplyQueue queue,
    IEventDeduplicator deduplicator,
    IOptions<SlackOptions> options,
    SlackEventProcessor events,
    SlackCommandProcessor commands,
    SlackInteractionProcessor interactions,
    TimeProvider time,
    ILogger<SlackInbox> logger)
{
    /// <summary>
    /// An <c>event_callback</c>. Retries (<c>X-Slack-Retry-Num</c>, or <c>retry_attempt</c> over Socket Mode) of an
    /// event already received are acknowledged and dropped; a retry not seen before (after a restart, or after a busy
    /// answer) is answered.
    /// </summary>
    public async ValueTask<InboxResult> AcceptEventAsync(EventEnvelope envelope, int retryNum, string? retryReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event is null) return InboxResult.Ignored;
        var key = string.IsNullOrEmpty(envelope.EventId) ? null : "slack:event:" + envelope.EventId;
        if (key is not null && !await deduplicator.TryClaimAsync(key, options.Value.DeduplicationWindow, cancellationToken))
        {
            LogDuplicateEvent(envelope.EventId!, retryNum, retryReason ?? "none");
            return InboxResult.Duplicate;
        }

        if (retryNum > 0) LogFirstSeenRetry(envelope.EventId ?? "(none)", retryNum, retryReason ?? "none");
        var receivedAt = time.GetUtcNow();
        if (queue.TryEnqueue(SlackAdapter.PlatformName, "event", ct => events.ProcessAsync(envelope, receivedAt, ct))) return InboxResult.Accepted;
        if (key is not null) await deduplicator.ReleaseAsync(key, cancellationToken);
        return InboxResult.Busy;
    }

    public InboxResult AcceptCommand(SlashCommandPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (SlashCommandMapper.Map(payload, time.GetUtcNow()) is not { } inbound) return InboxResult.Malformed;
        return queue.TryEnqueue(SlackAdapter.PlatformName, "slash command", ct => commands.ProcessAsync(inbound, ct)) ? InboxResult.Accepted : InboxResult.Busy;
    }

    public InboxResult AcceptInteraction(BlockActionsPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Type != SlackInteractionProcessor.BlockActions || payload.Actions is not { Count: > 0 }) return InboxResult.Ignored;
        return queue.TryEnqueue(SlackAdapter.PlatformName, "button click", ct => interactions.ProcessAsync(payload, ct)) ? InboxResult.Accepted : InboxResult.Busy;
    }

    /// <summary>False when this Socket Mode envelope was already received (on this or another connection).</summary>
    public ValueTask<bool> TryClaimEnvelopeAsync(string envelopeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopeId);
        return deduplicator.TryClaimAsync(EnvelopeKey(envelopeId), options.Value.DeduplicationWindow, cancellationToken);
    }

    /// <summary>Forgets an envelope that was left unacknowledged, so Slack's redelivery is handled.</summary>
    public ValueTask ReleaseEnvelopeAsync(string envelopeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopeId);
        return deduplicator.ReleaseAsync(EnvelopeKey(envelopeId), cancellationToken);
    }

    private static string EnvelopeKey(string envelopeId) => "slack:envelope:" + envelopeId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} was already received (retry {RetryNum}, reason {RetryReason}); acknowledged and dropped")]
    private partial void LogDuplicateEvent(string eventId, int retryNum, string retryReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retried event {EventId} (retry {RetryNum}, reason {RetryReason}) that had not been received; answering it")]
    private partial void LogFirstSeenRetry(string eventId, int retryNum, string retryReason);
}
