namespace BotHost.Slack.Rendering;

/// <summary>
/// The bot's own Slack-specific wording (labels, notices). Like <see cref="Core.Pipeline.BotTexts"/>, these lines
/// describe the bot, never the world.
/// </summary>
internal static class SlackTexts
{
    /// <summary>
    /// The notification text of a private reply. A phone's lock screen shows it, so it names no topic: someone
    /// looking over the member's shoulder learns nothing.
    /// </summary>
    public const string PrivateNotification = "I've sent you some resources. Open this message to read them.";

    public const string NotAnsweredHere = "I don't answer in this channel. You can send me a direct message instead.";

    public const string Busy =
        "I'm answering a lot of questions right now and couldn't take yours. Please try again in a minute. " +
        "If you need help now, contact your local emergency number.";

    public const string FeedbackThanks = "Thanks for telling me. Your feedback helps improve the answers.";

    public const string Helpful = "Helpful";

    public const string NotHelpful = "Not helpful";

    public const string Website = "Website";

    public const string ReadArticle = "Read the article";

    /// <summary>The article link when the quote shows only some of its sources (the article lists them all).</summary>
    public const string MoreSources = "More sources";

    public const string MoreHotlines = "There are more services: use /hotlines to see them all.";

    public static string LastReviewed(DateOnly date) => $"Last reviewed {date:yyyy-MM-dd}";
}
