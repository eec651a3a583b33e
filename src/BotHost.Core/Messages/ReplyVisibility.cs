namespace BotHost.Core.Messages;

public enum ReplyVisibility
{
    /// <summary>Everyone in the channel can see it.</summary>
    Public,

    /// <summary>Only the asker: an ephemeral reply or a DM. In a public channel the bot then posts only a neutral notice.</summary>
    Private,
}
