using System.Text.Json.Serialization;

namespace BotHost.Discord.Wire;

/// <summary>A rich embed (https://discord.com/developers/docs/resources/message#embed-object); limits in <see cref="Rendering.DiscordLimits"/>.</summary>
internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public int? Color { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }

    /// <summary>The characters Discord counts toward the 6,000 of a message: title, description, field names and values, footer.</summary>
    [JsonIgnore]
    public int CountedLength =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0) + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
