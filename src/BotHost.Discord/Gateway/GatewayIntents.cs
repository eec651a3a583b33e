namespace BotHost.Discord.Gateway;

/// <summary>
/// Gateway intents (https://discord.com/developers/docs/events/gateway#list-of-intents). The bot asks only for what answering needs; none is
/// privileged. MESSAGE_CONTENT (1 &lt;&lt; 15) is not requested: Discord still fills <c>content</c> for DMs and for
/// messages that mention the bot, which are the only messages it answers.
/// </summary>
[Flags]
internal enum GatewayIntents
{
    None = 0,

    /// <summary>GUILD_CREATE and friends.</summary>
    Guilds = 1 << 0,

    /// <summary>MESSAGE_CREATE in guild channels.</summary>
    GuildMessages = 1 << 9,

    /// <summary>MESSAGE_CREATE in DMs.</summary>
    DirectMessages = 1 << 12,

    /// <summary>What IDENTIFY sends: 4609.</summary>
    Default = Guilds | GuildMessages | DirectMessages,
}
