namespace BotHost.Slack.Wire;

/// <summary>The workspace of an interaction (<c>team</c>).</summary>
internal sealed record InteractionTeam
{
    public string? Id { get; init; }

    public string? Domain { get; init; }
}
