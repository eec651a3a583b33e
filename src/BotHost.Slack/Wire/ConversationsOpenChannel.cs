namespace BotHost.Slack.Wire;

/// <summary>The <c>channel</c> of a <c>conversations.open</c> response.</summary>
internal sealed record ConversationsOpenChannel
{
    public string? Id { get; init; }
}
