namespace BotHost.Core.State;

/// <summary>
/// Counts a member's questions in a sliding window. The member is a <see cref="MemberKey"/>, never a raw user id. The
/// embedded default is <see cref="InMemoryMemberRateLimiter"/>; replicas that share members need a shared implementation.
/// </summary>
public interface IMemberRateLimiter
{
    /// <summary>
    /// True (and the question is counted) when the member asked fewer than <paramref name="limit"/> questions in the last
    /// <paramref name="window"/>; false, and nothing is counted, otherwise.
    /// </summary>
    ValueTask<bool> TryAcquireAsync(string memberKey, int limit, TimeSpan window, CancellationToken cancellationToken);
}
