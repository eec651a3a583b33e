using BotHost.Core.Safety;
using BotHost.Slack.Api;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Alerts;

/// <summary>
/// Posts moderator alerts to a community's alert channel with <c>chat.postMessage</c> (the bot must be invited there;
/// a <c>not_in_channel</c> error says so in the log).
/// </summary>
internal sealed partial class SlackModeratorAlertSender(SlackApiClient api, ILogger<SlackModeratorAlertSender> logger) : IModeratorAlertSender
{
    public string Platform => SlackAdapter.PlatformName;

    public async Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!SlackAlertRenderer.IsChannelId(alert.AlertChannelId))
        {
            LogBadAlertChannel(alert.CommunityId);
            return;
        }

        var content = SlackAlertRenderer.Render(alert);
        var result = await api.PostMessageAsync(new ChatPostMessageRequest(alert.AlertChannelId, content.Text) { Blocks = content.Blocks }, cancellationToken);
        if (result.Ok) LogAlertSent(alert.CommunityId, alert.Category);
        else LogAlertFailed(alert.CommunityId, alert.AlertChannelId, result.Error ?? "unknown");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a Slack moderator alert ({Category}) in workspace {CommunityId}")]
    private partial void LogAlertSent(string communityId, UrgencyCategory category);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack moderator alert for workspace {CommunityId} could not be posted to {AlertChannel} ({Error}); invite the bot to that channel and check the alert channel id")]
    private partial void LogAlertFailed(string communityId, string alertChannel, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert channel of Slack workspace {CommunityId} is not a channel id (C…, G…): moderator alerts are off until it is fixed")]
    private partial void LogBadAlertChannel(string communityId);
}
