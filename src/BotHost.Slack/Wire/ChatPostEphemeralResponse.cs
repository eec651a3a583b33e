namespace BotHost.Slack.Wire;

/// <summary><c>chat.postEphemeral</c> success.</summary>
internal sealed record ChatPostEphemeralResponse : SlackApiResponse
{
    public string? MessageTs { get; init; }
}
