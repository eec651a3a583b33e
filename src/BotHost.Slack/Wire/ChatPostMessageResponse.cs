namespace BotHost.Slack.Wire;

/// <summary><c>chat.postMessage</c> success: the channel and the new message's ts.</summary>
internal sealed record ChatPostMessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }
}
