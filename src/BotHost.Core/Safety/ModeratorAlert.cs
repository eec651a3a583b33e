namespace BotHost.Core.Safety;

/// <summary>
/// An alert to a community's moderators that someone may be in danger. It names the category, the channel, a link
/// to the message and the time, and never the message's text.
/// </summary>
/// <param name="AlertChannelId">Where the alert goes (the community's alert channel).</param>
/// <param name="ChannelId">Where the urgent message was posted.</param>
/// <param name="MergedCount">How many urgent messages from the same member this alert covers (repeats within 10 minutes merge).</param>
public sealed record ModeratorAlert(
    string Platform,
    string CommunityId,
    string AlertChannelId,
    UrgencyCategory Category,
    string ChannelId,
    Uri? MessageLink,
    DateTimeOffset At,
    int MergedCount);
