namespace BotHost.Discord.Wire;

/// <summary>An embed field: name at most 256 characters, value at most 1,024.</summary>
internal sealed record EmbedField(string Name, string Value)
{
    public bool? Inline { get; init; }
}
