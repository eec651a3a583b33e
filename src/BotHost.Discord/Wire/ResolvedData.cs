namespace BotHost.Discord.Wire;

/// <summary>Resolved objects of a command: for a message command, the target message by id.</summary>
internal sealed record ResolvedData
{
    public IReadOnlyDictionary<string, DiscordMessage>? Messages { get; init; }
}
