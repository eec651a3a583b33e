using System.CommandLine;
using BotHost.Discord;
using BotHost.Discord.Commands;
using BotHost.Discord.Rest;
using Microsoft.Extensions.Options;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost discord register-commands [--guild ID] [--config FILE]</c>: registers /ask, /hotlines, /about and the
/// "Find help for this message" command by REST (a bulk overwrite), globally or in one guild (guild commands update
/// at once: use them to test). Needs <c>Discord__ApplicationId</c> and <c>Discord__BotToken</c>.
/// </summary>
internal static class DiscordCliCommand
{
    public static Command Create(CliEnvironment env)
    {
        var guild = new Option<string?>("--guild") { Description = "Register in this guild only (its id); commands there update at once" };
        var config = new Option<string?>("--config") { Description = "A JSON settings file (same keys as appsettings.json)" };
        var register = new Command("register-commands", "Register the bot's slash and message commands with Discord") { guild, config };
        register.SetAction(async (parse, cancellationToken) =>
        {
            var guildId = parse.GetValue(guild);
            if (guildId is not null && !DiscordCommandRegistrar.IsGuildId(guildId))
            {
                await env.Error.WriteLineAsync("bothost: --guild must be a guild id (17 to 20 digits)");
                return ExitCodes.Usage;
            }

            var builder = new ConfigurationBuilder().AddEnvironmentVariables();
            if (parse.GetValue(config) is { } file) builder.AddJsonFile(Path.GetFullPath(file), optional: false);
            var services = new ServiceCollection().AddLogging().AddSingleton(env.Time).AddDiscord(builder.Build());
            await using var provider = services.BuildServiceProvider();
            DiscordCommandRegistrar registrar;
            try
            {
                registrar = provider.GetRequiredService<DiscordCommandRegistrar>();
            }
            catch (OptionsValidationException ex)
            {
                foreach (var failure in ex.Failures) await env.Error.WriteLineAsync($"bothost: {failure}");
                return ExitCodes.Usage;
            }

            if (!registrar.CanRegister)
            {
                await env.Error.WriteLineAsync("bothost: registering commands needs Discord__ApplicationId and Discord__BotToken (environment or --config)");
                return ExitCodes.Usage;
            }

            try
            {
                var registered = await registrar.RegisterAsync(guildId, cancellationToken);
                var where = guildId is null ? "globally" : $"in guild {guildId}";
                await env.Output.WriteLineAsync($"Registered {registered.Count} commands {where}: {string.Join(", ", registered)}");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
            {
                await env.Error.WriteLineAsync($"bothost: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return new Command("discord", "Discord application setup") { register };
    }
}
