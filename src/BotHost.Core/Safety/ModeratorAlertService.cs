using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Safety;

/// <summary>
/// Sends a moderator alert for each urgent message in a community that has an alert channel: category, channel,
/// message link and time, never the text. Repeats from the same member within <see cref="MergeWindow"/> are merged
/// into the next alert's count; at most <see cref="FloodLimit"/> alerts per community per window, so a raid cannot
/// flood moderators. The windows and counts live in the state stores (this process's memory, or Redis shared by every
/// replica, so an urgent message alerts moderators once whichever replica it reaches); only hashed member keys are held.
/// </summary>
public sealed partial class ModeratorAlertService(IEnumerable<IModeratorAlertSender> senders, MemberKey members, IEventDeduplicator claims,
    ISharedCounter merged, IRateLimitStore limits, TimeProvider time, ILogger<ModeratorAlertService> logger, BotMetrics? metrics = null) : IUrgentAlerter
{
    public static readonly TimeSpan MergeWindow = TimeSpan.FromMinutes(10);

    /// <summary>Alerts per community per <see cref="MergeWindow"/>; further urgent messages are counted, not sent.</summary>
    public const int FloodLimit = 10;

    /// <summary>How long merged messages wait for the member's next alert before they are forgotten.</summary>
    private static readonly TimeSpan MergedLifetime = TimeSpan.FromDays(1);

    private readonly Dictionary<string, IModeratorAlertSender> _senders =
        senders.GroupBy(s => s.Platform, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public async Task RaiseAsync(IncomingMessage message, CommunitySettings community, UrgencyCategory category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(community);
        if (community.AlertChannel is not { } alertChannel) return;
        if (!_senders.TryGetValue(message.Platform, out var sender))
        {
            LogNoSender(message.Platform);
            return;
        }

        var now = time.GetUtcNow();
        var member = members.For(message.Platform, message.CommunityId, message.UserId);
        if (!await claims.TryClaimAsync("alert:" + member, MergeWindow, cancellationToken))
        {
            await merged.IncrementAsync("alert-merged:" + member, MergedLifetime, cancellationToken);
            metrics?.Alert(message.Platform, BotMetrics.AlertMerged);
            LogMerged(message.Platform, category);
            return;
        }

        var covering = (int)Math.Min(int.MaxValue, 1 + await merged.TakeAsync("alert-merged:" + member, cancellationToken));
        if (!await limits.TryAcquireAsync($"alert-flood:{message.Platform}:{message.CommunityId}", FloodLimit, MergeWindow, cancellationToken))
        {
            metrics?.Alert(message.Platform, BotMetrics.AlertFloodLimited);
            LogFlood(message.Platform, FloodLimit);
            return;
        }

        var alert = new ModeratorAlert(message.Platform, message.CommunityId, alertChannel, category, message.ChannelId, message.MessageLink, now, covering);
        try
        {
            await sender.SendAsync(alert, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics?.Alert(message.Platform, BotMetrics.AlertFailed);
            throw;
        }

        metrics?.Alert(message.Platform, BotMetrics.AlertSent);
        LogSent(message.Platform, category, covering);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderator alert sent on {Platform}: {Category}, covering {Merged} urgent message(s)")]
    private partial void LogSent(string platform, UrgencyCategory category, int merged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Urgent message on {Platform} ({Category}) merged into the member's recent moderator alert")]
    private partial void LogMerged(string platform, UrgencyCategory category);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderator alerts on {Platform} paused for this community: {Limit} already sent in the last 10 minutes")]
    private partial void LogFlood(string platform, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No moderator alert sender for {Platform}; the alert was not sent")]
    private partial void LogNoSender(string platform);
}
