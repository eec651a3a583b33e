namespace BotHost.Core.Pipeline;

/// <summary>
/// The bot's own fixed wording, one source for everything both platforms (and the console) say; each platform's
/// renderer only formats it. These lines describe the bot, never the world: every fact comes from an article.
/// </summary>
public static class BotTexts
{
    public const string Declined =
        "I don't have a vetted answer for that. I can only answer questions about staying safe online: sextortion, " +
        "grooming, reporting child sexual abuse material, trafficking and crisis help.";

    public const string DeclinedHotlinesTitle = "If you or someone else needs help, you can contact:";

    public const string AnswerHotlinesTitle = "Where to get help";

    public const string ShowingResultsFor = "Showing results for: ";

    public const string EmergencyTitle = "Emergency";

    public const string UrgentServicesTitle = "Talk to someone now";

    public const string UrgentStepsTitle = "What to do now";

    public const string DistressServicesTitle = "People you can talk to";

    public const string RefusalHotlinesTitle = "Confidential help";

    public const string Help =
        "Ask me a question about staying safe online, for example: \"someone is threatening to share my pics\". " +
        "Commands: /ask QUESTION, /hotlines [REGION] (for example /hotlines GB), /about.";

    public const string AboutFallback =
        "I answer questions about online safety by quoting vetted articles, with their sources and the hotlines that fit.";

    /// <summary>The private hint for a command in a channel the community keeps the bot out of.</summary>
    public const string NotAnsweredHere = "I don't answer in this channel. You can send me a direct message instead.";

    /// <summary>
    /// The one neutral line a channel may see when a reply went privately, the same for every private reply (sensitive
    /// or not), so the channel never learns what the question was about.
    /// </summary>
    public const string PrivateNotice = "I've sent you some resources privately.";

    /// <summary>
    /// The notification text of a private reply. A phone's lock screen shows it, so it names no topic: someone
    /// looking over the member's shoulder learns nothing.
    /// </summary>
    public const string PrivateNotification = "I've sent you some resources. Open this message to read them.";

    public const string Busy =
        "I'm answering a lot of questions right now and couldn't take yours. Please try again in a minute. " +
        "If you need help now, contact your local emergency number.";

    public const string FeedbackThanks = "Thanks for telling me. Your feedback helps improve the answers.";

    public const string Helpful = "Helpful";

    public const string NotHelpful = "Not helpful";

    /// <summary>The article link when the quote shows only some of its sources (the article lists them all).</summary>
    public const string MoreSources = "More sources";

    public const string MoreHotlines = "There are more services: use /hotlines to see them all.";

    public const string Error =
        "Sorry, something went wrong on my side and I couldn't answer. If you need help now, contact your local emergency number.";

    public static string LastReviewed(DateOnly date) => $"Last reviewed {date:yyyy-MM-dd}";

    public static string HotlinesTitle(string region) => $"Services for {region}";

    /// <summary>
    /// The private answer to <c>/hotlines</c> with a region it does not know. It never repeats what was typed: that would
    /// let anyone make the bot post their text (a fake "hotline") under its name.
    /// </summary>
    public static string UnknownRegion(IEnumerable<string> regions) =>
        $"I don't know that region. Try one of: {string.Join(", ", regions)}, or INTL.";
}
