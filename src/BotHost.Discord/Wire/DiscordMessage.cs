namespace BotHost.Discord.Wire;

/// <summary>
/// A message object (MESSAGE_CREATE, or the target of a message command), the fields the bot reads:
/// https://discord.com/developers/docs/resources/message#message-object. <see cref="Content"/> is member text.
/// </summary>
internal sealed record DiscordMessage
{
    public required string Id { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>Present in guild MESSAGE_CREATE dispatches; absent in DMs.</summary>
    public string? GuildId { get; init; }

    public string? Content { get; init; }

    public DiscordUser? Author { get; init; }

    /// <summary>Set on webhook messages; the bot never answers them.</summary>
    public string? WebhookId { get; init; }

    public IReadOnlyList<DiscordUser>? Mentions { get; init; }

    public int Type { get; init; }

    /// <summary>1 for a DM channel (MESSAGE_CREATE extra field).</summary>
    public int? ChannelType { get; init; }

    /// <summary>The member text must never reach a log: this prints only ids.</summary>
    public override string ToString() => $"DiscordMessage {{ Id = {Id}, Channel = {ChannelId}, Guild = {GuildId} }}";
}
