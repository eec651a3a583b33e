using BotHost.Core.State;

namespace BotHost.Core.Feedback;

/// <summary>
/// One rule on every platform: a member's first click on a reply's "Helpful" / "Not helpful" buttons counts, and
/// further clicks on that reply (either button) within <see cref="Window"/> do not. Held under the member's
/// <see cref="MemberKey"/> in the shared <see cref="IEventDeduplicator"/>, so no user id is kept.
/// </summary>
public sealed class FeedbackDeduplicator(IEventDeduplicator deduplicator, MemberKey members)
{
    /// <summary>How long a vote is remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>True when this is the member's first vote on the reply <paramref name="replyId"/> (the platform's message id).</summary>
    public ValueTask<bool> IsFirstVoteAsync(string platform, string communityId, string userId, string replyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replyId);
        var key = $"feedback:{platform}:{members.For(platform, communityId, userId)}:{replyId}";
        return deduplicator.TryClaimAsync(key, Window, cancellationToken);
    }
}
