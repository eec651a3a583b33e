namespace BotHost.Discord.Rendering;

/// <summary>The bot's own Discord-specific wording (labels, notices). Like <c>BotTexts</c>, these lines describe the bot, never the world.</summary>
internal static class DiscordTexts
{
    public const string NotAnsweredHere = "I don't answer in this channel. You can send me a direct message instead.";

    public const string DmClosed =
        "I couldn't send you a direct message. Use the /ask command here and I'll answer so only you can see it.";

    public const string FeedbackThanks = "Thanks for telling me. Your feedback helps improve the answers.";

    public const string Helpful = "Helpful";

    public const string NotHelpful = "Not helpful";

    public const string Sources = "Sources";

    public const string MoreSources = "More sources";

    public const string MoreHotlines = "There are more services: use /hotlines to see them all.";

    public const string NoMessageText = "That message has no text I can read, so I can't look for help for it.";

    public const string ContextMenuCommand = "Find help for this message";

    public static string LastReviewed(DateOnly date) => $"Last reviewed {date:yyyy-MM-dd}";
}
