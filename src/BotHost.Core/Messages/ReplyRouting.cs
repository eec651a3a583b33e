using BotHost.Core.Communities;
using BotHost.Core.Pipeline;

namespace BotHost.Core.Messages;

/// <summary>
/// Where every reply goes, decided once for both platforms. The product rule: the channel never learns that a
/// question was sensitive.
/// <list type="bullet">
/// <item>A direct message is answered in the DM.</item>
/// <item>A mention answered publicly is answered in the channel. One the safety rules (or the community's
/// <c>private_by_default</c>) make private goes by DM; where the platform can show a message to the asker alone
/// (Slack), a pointer to the DM is shown only to them. Where it cannot (Discord has no ephemeral message for a
/// mention), one neutral line is posted in the channel, the same for every reply sent by DM whether sensitive or
/// not, or nothing at all when the community turns <c>dm_notice</c> off.</item>
/// <item>A command is answered in the channel only when the reply is a non-sensitive answer, hotline list or about
/// text and the community does not keep answers private; otherwise only the asker sees it. "Find help for this
/// message" (a context menu) is always answered to the asker only: the message is never reposted.</item>
/// </list>
/// </summary>
public static class ReplyRouting
{
    /// <param name="askerOnlyForMentions">True where the platform can show the asker alone a line in the channel (Slack).</param>
    public static ReplyRoute Route(IncomingMessage message, Reply reply, CommunitySettings community, bool askerOnlyForMentions)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Route(message.Source, message.IsPrivateConversation, reply, community, askerOnlyForMentions);
    }

    /// <summary>The same, from how the message arrived and whether it was a private conversation (a DM).</summary>
    public static ReplyRoute Route(MessageSource source, bool privateConversation, Reply reply, CommunitySettings community, bool askerOnlyForMentions)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(community);
        if (reply.Kind == ReplyKind.Ignored) return new ReplyRoute(ReplyDestination.None);
        return source switch
        {
            MessageSource.Command => new ReplyRoute(IsShareable(reply) && !community.PrivateByDefault ? ReplyDestination.Channel : ReplyDestination.AskerOnly),
            MessageSource.ContextMenu => new ReplyRoute(ReplyDestination.AskerOnly),
            _ when privateConversation || !reply.IsPrivate => new ReplyRoute(ReplyDestination.Channel),
            _ when askerOnlyForMentions => new ReplyRoute(ReplyDestination.DirectMessage, AskerPointer: BotTexts.PrivateNotice),
            _ => new ReplyRoute(ReplyDestination.DirectMessage, ChannelLine: community.DmNotice ? BotTexts.PrivateNotice : null),
        };
    }

    /// <summary>A non-sensitive answer, hotline list or about text: the only replies to a command a channel may see.</summary>
    public static bool IsShareable(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply is { IsPrivate: false, Kind: ReplyKind.Answer or ReplyKind.Hotlines or ReplyKind.About };
    }
}
