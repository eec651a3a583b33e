using System.Text.Json;
using BotHost.Cli;
using BotHost.Testing.Discord;

namespace BotHost.Tests.Cli;

public sealed class DiscordCliCommandTests : IAsyncLifetime
{
    private const string ApplicationId = "775799577604522054";
    private LoopbackDiscordApi _api = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _api = await LoopbackDiscordApi.StartAsync();
        _config = Path.Combine(Path.GetTempPath(), $"bothost-discord-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_config, $$"""
            { "Discord": { "ApplicationId": "{{ApplicationId}}", "BotToken": "loopback-bot-token-0123456789", "ApiBaseUrl": "{{_api.ApiBaseUrl.AbsoluteUri}}" } }
            """);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        File.Delete(_config);
    }

    [Fact]
    public async Task RegisterCommands_Global_BulkOverwriteWithTheFourCommands()
    {
        var (exit, output, error) = await CliRunner.RunAsync("discord", "register-commands", "--config", _config);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Equal("Registered 4 commands globally: ask, hotlines, about, Find help for this message\n", output.ReplaceLineEndings("\n"));
        var request = Assert.Single(_api.RequestsTo($"PUT applications/{ApplicationId}/commands"));
        Assert.Equal("Bot loopback-bot-token-0123456789", request.Header("Authorization"));
        var commands = request.Json().EnumerateArray().ToList();
        Assert.Equal([1, 1, 1, 3], commands.Select(c => c.GetProperty("type").GetInt32()));
        Assert.False(commands[3].TryGetProperty("description", out _));
        Assert.Equal("[0,1]", commands[0].GetProperty("contexts").GetRawText());
    }

    [Fact]
    public async Task RegisterCommands_Guild_GuildRouteWithoutContexts()
    {
        var (exit, _, _) = await CliRunner.RunAsync("discord", "register-commands", "--guild", "290926798626357999", "--config", _config);

        Assert.Equal(ExitCodes.Success, exit);
        var request = Assert.Single(_api.RequestsTo($"PUT applications/{ApplicationId}/guilds/290926798626357999/commands"));
        Assert.All(request.Json().EnumerateArray(), c => Assert.False(c.TryGetProperty("contexts", out _)));
    }

    [Fact]
    public async Task RegisterCommands_DiscordRejects_FailureWithoutTheToken()
    {
        _api.Enqueue($"PUT applications/{ApplicationId}/commands", LoopbackDiscordApi.Error(401, 0, "401: Unauthorized"));

        var (exit, _, error) = await CliRunner.RunAsync("discord", "register-commands", "--config", _config);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("HTTP 401", error, StringComparison.Ordinal);
        Assert.DoesNotContain("loopback-bot-token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCommands_BadGuild_UsageError()
    {
        var (exit, _, error) = await CliRunner.RunAsync("discord", "register-commands", "--guild", "abc", "--config", _config);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("bothost: --guild", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCommands_NoSettings_NamesTheSettingsNeeded()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"bothost-empty-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(empty, "{}");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("discord", "register-commands", "--config", empty);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("Discord__ApplicationId and Discord__BotToken", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void Commands_AsJson_ParseBack()
    {
        var json = JsonSerializer.Serialize(BotHost.Discord.Commands.DiscordCommands.All(global: true), BotHost.Discord.Wire.DiscordJsonContext.Default.ListApplicationCommand);

        Assert.Contains("\"max_length\":500", json, StringComparison.Ordinal);
    }
}
