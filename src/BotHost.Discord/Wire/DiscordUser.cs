namespace BotHost.Discord.Wire;

/// <summary>A user object (the fields the bot reads): https://discord.com/developers/docs/resources/user#user-object.</summary>
internal sealed record DiscordUser
{
    public required string Id { get; init; }

    public string? Username { get; init; }

    /// <summary>True for bots; the bot never answers another bot (or itself).</summary>
    public bool? Bot { get; init; }
}
