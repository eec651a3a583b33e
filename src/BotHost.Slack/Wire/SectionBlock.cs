namespace BotHost.Slack.Wire;

/// <summary>A <c>section</c>: text of 1 to 3,000 characters and an optional accessory (a link button here).</summary>
internal sealed record SectionBlock(TextObject Text) : SlackBlock
{
    public ButtonElement? Accessory { get; init; }
}
