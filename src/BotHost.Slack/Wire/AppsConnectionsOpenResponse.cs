namespace BotHost.Slack.Wire;

/// <summary><c>apps.connections.open</c> success: a one-time WebSocket URL (it carries a ticket: never log it).</summary>
internal sealed record AppsConnectionsOpenResponse : SlackApiResponse
{
    public string? Url { get; init; }
}
