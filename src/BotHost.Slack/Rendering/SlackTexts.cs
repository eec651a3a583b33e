namespace BotHost.Slack.Rendering;

/// <summary>
/// The few words only Slack's rendering needs (button and link labels). Everything both platforms say is in
/// <see cref="Core.Pipeline.BotTexts"/>; like it, these lines describe the bot, never the world.
/// </summary>
internal static class SlackTexts
{
    public const string Website = "Website";

    public const string ReadArticle = "Read the article";
}
