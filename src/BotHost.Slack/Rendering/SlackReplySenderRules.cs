using BotHost.Core.Messages;

namespace BotHost.Slack.Rendering;

/// <summary>Which replies to a slash command may be posted to the channel (the rest are ephemeral).</summary>
internal static class SlackReplySenderRules
{
    /// <summary>A non-sensitive answer, hotline list or about text; the community may still keep it private.</summary>
    public static bool IsShareable(Reply reply) => reply is { IsPrivate: false, Kind: ReplyKind.Answer or ReplyKind.Hotlines or ReplyKind.About };
}
