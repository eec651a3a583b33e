namespace BotHost.Slack.Wire;

/// <summary>An <c>actions</c> block: up to 25 interactive elements (the feedback buttons).</summary>
internal sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : SlackBlock;
