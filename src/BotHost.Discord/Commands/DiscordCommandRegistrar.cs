using BotHost.Discord.Rest;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Commands;

/// <summary>
/// Registers the bot's commands (<see cref="DiscordCommands"/>) with Discord by one bulk overwrite
/// (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands),
/// globally or in one guild, where they update at once. What <c>bothost discord register-commands</c> calls.
/// </summary>
public sealed class DiscordCommandRegistrar
{
    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;

    internal DiscordCommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options)
    {
        _rest = rest;
        _options = options.Value;
    }

    /// <summary>True when the settings registering needs are there: <c>Discord__ApplicationId</c> and <c>Discord__BotToken</c>.</summary>
    public bool CanRegister => _options.ApplicationId is { Length: > 0 } && _options.HasBotToken;

    /// <summary>A guild id as Discord writes them: a snowflake of 17 to 20 digits.</summary>
    public static bool IsGuildId(string value) => value is { Length: >= 17 and <= 20 } && value.All(char.IsAsciiDigit);

    /// <summary>Replaces every command of the application with the bot's; returns the names Discord registered.</summary>
    /// <param name="guildId">A guild to register in only; null registers globally (in guilds and DMs).</param>
    /// <exception cref="DiscordApiException">Discord refused (the message names the route and code, never the token).</exception>
    public async Task<IReadOnlyList<string>> RegisterAsync(string? guildId, CancellationToken cancellationToken)
    {
        if (!CanRegister) throw new InvalidOperationException("registering commands needs Discord__ApplicationId and Discord__BotToken");
        if (guildId is not null && !IsGuildId(guildId)) throw new ArgumentException("not a guild id (17 to 20 digits)", nameof(guildId));
        var registered = await _rest.OverwriteCommandsAsync(_options.ApplicationId!, guildId, DiscordCommands.All(global: guildId is null), cancellationToken);
        return [.. registered.Select(c => c.Name)];
    }
}
