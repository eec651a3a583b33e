namespace BotHost.Slack.Wire;

/// <summary>Where the clicked component lives (<c>container</c>): the message and whether it is ephemeral.</summary>
internal sealed record InteractionContainer
{
    public string? Type { get; init; }

    public string? MessageTs { get; init; }

    public string? ChannelId { get; init; }

    public bool? IsEphemeral { get; init; }
}
