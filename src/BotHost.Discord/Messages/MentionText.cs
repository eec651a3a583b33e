namespace BotHost.Discord.Messages;

/// <summary>The bot's mention in message content: <c>&lt;@ID&gt;</c>, or the legacy <c>&lt;@!ID&gt;</c>, handled the same.</summary>
internal static class MentionText
{
    public static bool Mentions(string? content, string botId) =>
        content is not null && (content.Contains($"<@{botId}>", StringComparison.Ordinal) || content.Contains($"<@!{botId}>", StringComparison.Ordinal));

    /// <summary>The content without the bot's mentions, trimmed.</summary>
    public static string Strip(string content, string botId) =>
        content.Replace($"<@!{botId}>", " ", StringComparison.Ordinal).Replace($"<@{botId}>", " ", StringComparison.Ordinal).Trim();
}
