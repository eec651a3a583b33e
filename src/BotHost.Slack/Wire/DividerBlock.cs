namespace BotHost.Slack.Wire;

/// <summary>A <c>divider</c> line between parts of a reply.</summary>
internal sealed record DividerBlock : SlackBlock;
