namespace BotHost.Slack.Wire;

/// <summary>The member who clicked (<c>user</c> of an interaction payload).</summary>
internal sealed record InteractionUser
{
    public string? Id { get; init; }

    public string? TeamId { get; init; }
}
