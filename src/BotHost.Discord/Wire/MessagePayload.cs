using System.Text.Json.Serialization;

namespace BotHost.Discord.Wire;

/// <summary>
/// The body of a message the bot sends: Create Message, an interaction response's <c>data</c>, Edit Original
/// Interaction Response and follow-ups share these fields.
/// </summary>
internal sealed record MessagePayload
{
    /// <summary>Message flag EPHEMERAL (1 &lt;&lt; 6): only the invoker of an interaction sees the message.</summary>
    public const int EphemeralFlag = 1 << 6;

    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public int? Flags { get; init; }

    public MessageReference? MessageReference { get; init; }

    [JsonIgnore]
    public bool IsEphemeral => Flags is { } flags && (flags & EphemeralFlag) != 0;
}
