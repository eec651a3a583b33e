using System.Collections.Concurrent;
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
/// flood moderators. Only hashed member keys are held, in memory.
/// </summary>
public sealed partial class ModeratorAlertService(IEnumerable<IModeratorAlertSender> senders, MemberKey members, TimeProvider time, ILogger<ModeratorAlertService> logger,
    BotMetrics? metrics = null) : IUrgentAlerter
{
    public static readonly TimeSpan MergeWindow = TimeSpan.FromMinutes(10);

    /// <summary>Alerts per community per <see cref="MergeWindow"/>; further urgent messages are counted, not sent.</summary>
    public const int FloodLimit = 10;

    private readonly Dictionary<string, IModeratorAlertSender> _senders =
        senders.GroupBy(s => s.Platform, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, MemberState> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _communities = new(StringComparer.Ordinal);

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
        Prune(now);
        var key = members.For(message.Platform, message.CommunityId, message.UserId);
        int merged;
        var member = _members.GetOrAdd(key, _ => new MemberState());
        lock (member)
        {
            if (member.LastAlert is { } last && now - last < MergeWindow)
            {
                member.Pending++;
                metrics?.Alert(message.Platform, BotMetrics.AlertMerged);
                LogMerged(message.Platform, category);
                return;
            }

            merged = member.Pending + 1;
            member.Pending = 0;
            member.LastAlert = now;
        }

        var communityKey = $"{message.Platform}\0{message.CommunityId}";
        var sent = _communities.GetOrAdd(communityKey, _ => new Queue<DateTimeOffset>());
        lock (sent)
        {
            while (sent.Count > 0 && now - sent.Peek() >= MergeWindow) sent.Dequeue();
            if (sent.Count >= FloodLimit)
            {
                metrics?.Alert(message.Platform, BotMetrics.AlertFloodLimited);
                LogFlood(message.Platform, FloodLimit);
                return;
            }

            sent.Enqueue(now);
        }

        var alert = new ModeratorAlert(message.Platform, message.CommunityId, alertChannel, category, message.ChannelId, message.MessageLink, now, merged);
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
        LogSent(message.Platform, category, merged);
    }

    /// <summary>Forgets members whose last alert is older than the merge window (bounded memory).</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, state) in _members)
        {
            lock (state)
            {
                if (state.LastAlert is { } last && now - last >= MergeWindow && state.Pending == 0) _members.TryRemove(key, out _);
            }
        }
    }

    private sealed class MemberState
    {
        public DateTimeOffset? LastAlert { get; set; }

        public int Pending { get; set; }
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
