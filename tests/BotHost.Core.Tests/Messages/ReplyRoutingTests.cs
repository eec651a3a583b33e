using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Core.Tests.Messages;

public sealed class ReplyRoutingTests
{
    private static readonly CommunitySettings Community = new() { Region = "US" };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Route_PublicReplyToAMention_InTheChannelOnBothPlatforms(bool askerOnly)
    {
        var route = ReplyRouting.Route(MessageSource.Mention, false, Answer(ReplyVisibility.Public), Community, askerOnly);

        Assert.Equal(new ReplyRoute(ReplyDestination.Channel), route);
    }

    [Fact]
    public void Route_PrivateReplyToAMentionOnSlack_ByDmWithAPointerOnlyTheAskerSees()
    {
        var route = ReplyRouting.Route(MessageSource.Mention, false, Answer(ReplyVisibility.Private), Community, askerOnlyForMentions: true);

        Assert.Equal(new ReplyRoute(ReplyDestination.DirectMessage, AskerPointer: BotTexts.PrivateNotice), route);
    }

    [Fact]
    public void Route_PrivateReplyToAMentionOnDiscord_ByDmWithTheNeutralChannelLine()
    {
        var route = ReplyRouting.Route(MessageSource.Mention, false, Answer(ReplyVisibility.Private), Community, askerOnlyForMentions: false);

        Assert.Equal(new ReplyRoute(ReplyDestination.DirectMessage, ChannelLine: BotTexts.PrivateNotice), route);
    }

    [Fact]
    public void Route_EveryReplySentByDm_TheSameChannelLineWhateverItsKind()
    {
        ReplyKind[] kinds = [ReplyKind.Answer, ReplyKind.Urgent, ReplyKind.Declined, ReplyKind.Hotlines, ReplyKind.Refusal];

        var lines = kinds.Select(k => ReplyRouting.Route(MessageSource.Mention, false, Reply.Text(k, ReplyVisibility.Private, "x"), Community, false).ChannelLine);

        Assert.Equal([BotTexts.PrivateNotice], lines.Distinct());
    }

    [Fact]
    public void Route_CommunityTurnedDmNoticeOff_NothingPublicAtAll()
    {
        var route = ReplyRouting.Route(MessageSource.Mention, false, Answer(ReplyVisibility.Private), Community with { DmNotice = false }, false);

        Assert.Equal(new ReplyRoute(ReplyDestination.DirectMessage), route);
    }

    [Fact]
    public void Route_DirectMessage_AnsweredInTheDmEvenWhenPrivate()
    {
        var route = ReplyRouting.Route(MessageSource.DirectMessage, true, Answer(ReplyVisibility.Private), Community, false);

        Assert.Equal(ReplyDestination.Channel, route.Destination);
    }

    [Theory]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Public, false, ReplyDestination.Channel)]
    [InlineData(ReplyKind.Hotlines, ReplyVisibility.Public, false, ReplyDestination.Channel)]
    [InlineData(ReplyKind.About, ReplyVisibility.Public, false, ReplyDestination.Channel)]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Private, false, ReplyDestination.AskerOnly)]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Public, true, ReplyDestination.AskerOnly)]
    [InlineData(ReplyKind.Declined, ReplyVisibility.Public, false, ReplyDestination.AskerOnly)]
    [InlineData(ReplyKind.Help, ReplyVisibility.Public, false, ReplyDestination.AskerOnly)]
    [InlineData(ReplyKind.RateLimited, ReplyVisibility.Private, false, ReplyDestination.AskerOnly)]
    public void Route_Command_ChannelOnlyForShareableRepliesTheCommunityAllows(ReplyKind kind, ReplyVisibility visibility, bool privateByDefault,
        ReplyDestination expected)
    {
        var route = ReplyRouting.Route(MessageSource.Command, false, Reply.Text(kind, visibility, "x"), Community with { PrivateByDefault = privateByDefault }, false);

        Assert.Equal(expected, route.Destination);
    }

    [Fact]
    public void Route_ContextMenu_AlwaysOnlyTheAsker()
    {
        var route = ReplyRouting.Route(MessageSource.ContextMenu, false, Answer(ReplyVisibility.Public), Community, false);

        Assert.Equal(ReplyDestination.AskerOnly, route.Destination);
    }

    [Fact]
    public void Route_Ignored_NothingIsSent()
    {
        var route = ReplyRouting.Route(MessageSource.Mention, false, Reply.Text(ReplyKind.Ignored, ReplyVisibility.Public, "x"), Community, true);

        Assert.Equal(ReplyDestination.None, route.Destination);
    }

    private static Reply Answer(ReplyVisibility visibility) => Reply.Text(ReplyKind.Answer, visibility, "x");
}
