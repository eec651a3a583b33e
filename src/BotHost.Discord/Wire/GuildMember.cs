namespace BotHost.Discord.Wire;

/// <summary>The invoking member of an interaction in a guild (only <c>user</c> is read).</summary>
internal sealed record GuildMember
{
    public DiscordUser? User { get; init; }
}
