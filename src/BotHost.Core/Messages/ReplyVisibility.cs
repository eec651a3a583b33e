namespace BotHost.Core.Messages;

public enum ReplyVisibility
{
    /// <summary>Everyone in the channel can see it.</summary>
    Public,

    /// <summary>Only the asker: an ephemeral reply or a DM (see <see cref="ReplyRouting"/>); the channel never sees the topic.</summary>
    Private,
}
