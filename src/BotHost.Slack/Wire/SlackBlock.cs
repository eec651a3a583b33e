using System.Text.Json.Serialization;

namespace BotHost.Slack.Wire;

/// <summary>A Block Kit layout block (https://docs.slack.dev/reference/block-kit/blocks); only the kinds the bot sends.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
internal abstract record SlackBlock
{
    /// <summary>At most 255 characters; unique within a message.</summary>
    public string? BlockId { get; init; }
}
