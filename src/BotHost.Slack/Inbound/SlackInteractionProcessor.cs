using BotHost.Core.Feedback;
using BotHost.Slack.Events;
using BotHost.Slack.Rendering;
using BotHost.Slack.Replies;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Inbound;

/// <summary>
/// Handles <c>block_actions</c>: a "Helpful" / "Not helpful" click is counted for the gap analytics (article id and
/// verdict only) and thanked privately through the response_url. Link buttons (hotline websites) need nothing.
/// </summary>
internal sealed partial class SlackInteractionProcessor(
    IEnumerable<IFeedbackRecorder> recorders,
    FeedbackDeduplicator votes,
    SlackReplySender sender,
    ILogger<SlackInteractionProcessor> logger)
{
    public const string BlockActions = "block_actions";

    private readonly IFeedbackRecorder[] _recorders = [.. recorders];

    public async Task ProcessAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var teamId = payload.Team?.Id ?? payload.User?.TeamId ?? string.Empty;
        foreach (var action in payload.Actions ?? [])
        {
            if (FeedbackAction.Parse(action.ActionId, action.Value) is not { } feedback) continue;
            if (await IsFirstVoteAsync(payload, teamId, cancellationToken)) await RecordAsync(teamId, feedback, cancellationToken);
            if (SlashCommandMapper.ResponseUrl(payload.ResponseUrl) is { } url) await sender.AcknowledgeFeedbackAsync(url, cancellationToken);
        }
    }

    private async Task RecordAsync(string teamId, FeedbackAction feedback, CancellationToken cancellationToken)
    {
        if (_recorders.Length == 0) LogNoRecorder();
        foreach (var recorder in _recorders)
        {
            await recorder.RecordAsync(SlackAdapter.PlatformName, teamId, feedback.Target.ArticleId, feedback.Helpful, cancellationToken);
        }

        LogRecorded(feedback.Target.ArticleId, feedback.Helpful);
    }

    /// <summary>A member's clicks on one reply count once, whichever button (the rule both platforms share).</summary>
    private ValueTask<bool> IsFirstVoteAsync(BlockActionsPayload payload, string teamId, CancellationToken cancellationToken) =>
        votes.IsFirstVoteAsync(SlackAdapter.PlatformName, teamId, payload.User?.Id ?? string.Empty,
            $"{payload.Container?.ChannelId}/{payload.Container?.MessageTs}", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack feedback on article {ArticleId}: helpful = {Helpful}")]
    private partial void LogRecorded(string articleId, bool helpful);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack feedback arrived but no IFeedbackRecorder is registered; it was not counted")]
    private partial void LogNoRecorder();
}
