namespace BotHost.Discord.Wire;

/// <summary>
/// An interaction, over HTTP or in INTERACTION_CREATE: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object.
/// The invoker is <c>member.user</c> in a guild and <c>user</c> in DMs.
/// </summary>
internal sealed record Interaction
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;

    public string Id { get; init; } = string.Empty;

    public string? ApplicationId { get; init; }

    public required int Type { get; init; }

    public InteractionData? Data { get; init; }

    public string? GuildId { get; init; }

    public string? ChannelId { get; init; }

    public PartialChannel? Channel { get; init; }

    public GuildMember? Member { get; init; }

    public DiscordUser? User { get; init; }

    /// <summary>Authenticates the callback and the follow-ups for 15 minutes; never logged.</summary>
    public string Token { get; init; } = string.Empty;

    public DiscordMessage? Message { get; init; }

    /// <summary>0 GUILD, 1 BOT_DM, 2 PRIVATE_CHANNEL.</summary>
    public int? Context { get; init; }

    public string? InvokerId => Member?.User?.Id ?? User?.Id;

    public string? SourceChannelId => ChannelId ?? Channel?.Id;

    /// <summary>The token must never reach a log: this prints only ids and types.</summary>
    public override string ToString() => $"Interaction {{ Id = {Id}, Type = {Type}, Guild = {GuildId}, Channel = {SourceChannelId} }}";
}
