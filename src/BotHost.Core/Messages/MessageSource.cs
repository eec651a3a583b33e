namespace BotHost.Core.Messages;

/// <summary>How a message reached the bot; it decides how the reply can be sent.</summary>
public enum MessageSource
{
    /// <summary>A slash command (<c>/ask</c>, <c>/hotlines</c>, <c>/about</c>).</summary>
    Command,

    /// <summary>The bot was mentioned in a channel.</summary>
    Mention,

    /// <summary>A direct message to the bot.</summary>
    DirectMessage,

    /// <summary>A context-menu action on someone else's message ("Find help for this message").</summary>
    ContextMenu,

    /// <summary>The command line (<c>bothost ask</c>, <c>bothost chat</c>).</summary>
    Console,
}
