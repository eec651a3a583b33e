namespace BotHost.Discord.Rendering;

/// <summary>
/// The few words only Discord needs (its context-menu command, the closed-DM hint, labels). Everything both platforms
/// say is in <c>BotTexts</c>; like it, these lines describe the bot, never the world.
/// </summary>
internal static class DiscordTexts
{
    public const string DmClosed =
        "I couldn't send you a direct message. Use the /ask command here and I'll answer so only you can see it.";

    public const string Sources = "Sources";

    public const string NoMessageText = "That message has no text I can read, so I can't look for help for it.";

    public const string ContextMenuCommand = "Find help for this message";
}
