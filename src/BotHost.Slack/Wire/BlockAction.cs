namespace BotHost.Slack.Wire;

/// <summary>One entry of <c>actions</c> in a <c>block_actions</c> payload.</summary>
internal sealed record BlockAction
{
    public string? ActionId { get; init; }

    public string? BlockId { get; init; }

    public string? Value { get; init; }

    public string? Type { get; init; }

    public string? ActionTs { get; init; }
}
