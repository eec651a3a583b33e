namespace BotHost.Slack.Wire;

/// <summary>The conversation an interaction happened in (<c>channel</c>).</summary>
internal sealed record InteractionChannel
{
    public string? Id { get; init; }
}
