namespace BotHost.Slack.Wire;

/// <summary>
/// An interaction payload (<c>payload=</c> form field over HTTP, an <c>interactive</c> envelope over Socket Mode);
/// only <c>block_actions</c> is handled (https://api.slack.com/reference/interaction-payloads/block-actions).
/// </summary>
internal sealed record BlockActionsPayload
{
    /// <summary><c>block_actions</c>, <c>view_submission</c>, <c>shortcut</c>, ...</summary>
    public string? Type { get; init; }

    public InteractionUser? User { get; init; }

    public InteractionTeam? Team { get; init; }

    public InteractionChannel? Channel { get; init; }

    public InteractionContainer? Container { get; init; }

    public string? ResponseUrl { get; init; }

    public IReadOnlyList<BlockAction>? Actions { get; init; }
}
