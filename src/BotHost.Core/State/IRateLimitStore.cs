namespace BotHost.Core.State;

/// <summary>
/// Sliding-window limits: at most <c>limit</c> acquisitions per key in any <c>window</c>. Member question limits and
/// moderator-alert flood limits use it; shared by every replica when <see cref="StateOptions.Redis"/> is set, so a member
/// whose messages land on two replicas is limited once, not half as much.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>True (and counted) when <paramref name="key"/> has had fewer than <paramref name="limit"/> acquisitions in the last <paramref name="window"/>.</summary>
    ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);
}
