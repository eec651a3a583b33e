using BotHost.Slack.Wire;

namespace BotHost.Slack.Rendering;

/// <summary>A rendered reply: Block Kit blocks and the escaped <c>text</c> shown in notifications.</summary>
internal sealed record SlackMessageContent(string Text, IReadOnlyList<SlackBlock> Blocks);
