namespace BotHost.Slack.Wire;

/// <summary><c>conversations.open</c> success: the DM's channel.</summary>
internal sealed record ConversationsOpenResponse : SlackApiResponse
{
    public ConversationsOpenChannel? Channel { get; init; }
}
