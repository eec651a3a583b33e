using BotHost.Core.Messages;

namespace BotHost.Serve;

/// <summary>
/// A question a maintainer puts to the bot (<c>POST /ask</c>, the console's ask preview): a private conversation from
/// the console, with no member behind it, so the pipeline answers it as it would answer a direct message.
/// </summary>
internal static class MaintainerQuestion
{
    public static IncomingMessage Message(string platform, string question) => new()
    {
        Platform = platform,
        CommunityId = string.Empty,
        ChannelId = "preview",
        UserId = "maintainer",
        Text = question,
        Source = MessageSource.Console,
        IsPrivateConversation = true,
    };
}
