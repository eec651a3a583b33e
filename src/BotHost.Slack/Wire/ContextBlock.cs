namespace BotHost.Slack.Wire;

/// <summary>A <c>context</c> block: up to 10 small text elements (sources, review date).</summary>
internal sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : SlackBlock;
