using BotHost.Core.Pipeline;
using BotHost.Discord.Interactions;
using BotHost.Discord.Rendering;
using BotHost.Discord.Wire;

namespace BotHost.Discord.Commands;

/// <summary>
/// The commands <c>bothost discord register-commands</c> registers: <c>/ask question:</c>, <c>/hotlines [region]</c>,
/// <c>/about</c> and the message command "Find help for this message". Global commands work in guilds and in DMs
/// with the bot; guild commands (for testing, they update instantly) take no contexts.
/// </summary>
internal static class DiscordCommands
{
    public static List<ApplicationCommand> All(bool global)
    {
        IReadOnlyList<int>? contexts = global ? [0, 1] : null;
        IReadOnlyList<int>? installs = global ? [0] : null;
        return
        [
            new ApplicationCommand
            {
                Name = ChatCommand.Ask,
                Type = ApplicationCommand.ChatInputType,
                Description = "Ask a question about staying safe online; the answer comes from vetted articles",
                Options =
                [
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOption.StringType,
                        Name = DiscordInteractionMapper.QuestionOption,
                        Description = "Your question, in your own words",
                        Required = true,
                        MinLength = 1,
                        MaxLength = 500,
                    },
                ],
                Contexts = contexts,
                IntegrationTypes = installs,
            },
            new ApplicationCommand
            {
                Name = ChatCommand.Hotlines,
                Type = ApplicationCommand.ChatInputType,
                Description = "Helplines and reporting services for a region",
                Options =
                [
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOption.StringType,
                        Name = DiscordInteractionMapper.RegionOption,
                        Description = "A country code such as US or GB, or EU or INTL; the server's region when empty",
                        Required = false,
                        MaxLength = 4,
                    },
                ],
                Contexts = contexts,
                IntegrationTypes = installs,
            },
            new ApplicationCommand
            {
                Name = ChatCommand.About,
                Type = ApplicationCommand.ChatInputType,
                Description = "What this bot is, where its answers come from and what it keeps",
                Contexts = contexts,
                IntegrationTypes = installs,
            },
            new ApplicationCommand
            {
                Name = DiscordTexts.ContextMenuCommand,
                Type = ApplicationCommand.MessageType,
                Contexts = contexts,
                IntegrationTypes = installs,
            },
        ];
    }
}
