namespace BotHost.Discord.Wire;

/// <summary>
/// A command registration body (https://discord.com/developers/docs/interactions/application-commands#application-command-object):
/// type 1 CHAT_INPUT with a description, type 3 MESSAGE with none. <c>contexts</c> and <c>integration_types</c>
/// apply to global commands only.
/// </summary>
internal sealed record ApplicationCommand
{
    public const int ChatInputType = 1;
    public const int MessageType = 3;

    public required string Name { get; init; }

    public required int Type { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>0 GUILD, 1 BOT_DM.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }

    /// <summary>0 GUILD_INSTALL.</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }
}
