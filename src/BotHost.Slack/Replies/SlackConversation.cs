namespace BotHost.Slack.Replies;

/// <summary>
/// Where and how a reply goes: the conversation, the asker, the thread, and for slash commands and button clicks the
/// <c>response_url</c>. Holds no member text.
/// </summary>
internal sealed record SlackConversation(string TeamId, string ChannelId, string UserId)
{
    /// <summary>The thread the message was in, if any.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>The member's message; a mention is answered in its thread (<c>thread_ts ?? ts</c>).</summary>
    public string? MessageTs { get; init; }

    /// <summary>A DM with the bot: every reply there is already private.</summary>
    public bool IsDirectMessage { get; init; }

    public Uri? ResponseUrl { get; init; }
}
