using System.Text.Json;
using BotHost.Cli;

namespace BotHost.Tests.Cli;

public sealed class SlackManifestCommandTests
{
    [Fact]
    public async Task SlackManifest_Url_PrintsAManifestWithTheRequestUrls()
    {
        var (exit, output, error) = await CliRunner.RunAsync("slack", "manifest", "--url", "https://bot.example.org");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(error);
        var settings = JsonDocument.Parse(output).RootElement.GetProperty("settings");
        Assert.Equal("https://bot.example.org/slack/events", settings.GetProperty("event_subscriptions").GetProperty("request_url").GetString());
        Assert.False(settings.GetProperty("socket_mode_enabled").GetBoolean());
    }

    [Fact]
    public async Task SlackManifest_SocketMode_SocketModeOnWithoutUrls()
    {
        var (exit, output, _) = await CliRunner.RunAsync("slack", "manifest", "--socket-mode");

        Assert.Equal(ExitCodes.Success, exit);
        var settings = JsonDocument.Parse(output).RootElement.GetProperty("settings");
        Assert.True(settings.GetProperty("socket_mode_enabled").GetBoolean());
        Assert.False(settings.GetProperty("event_subscriptions").TryGetProperty("request_url", out _));
    }

    [Theory]
    [InlineData("is required for HTTP request URLs, or pass --socket-mode", "slack", "manifest")]
    [InlineData("must be an absolute https address", "slack", "manifest", "--url", "http://bot.example.org")]
    [InlineData("must be an absolute https address", "slack", "manifest", "--url", "bot.example.org")]
    [InlineData("exclude each other", "slack", "manifest", "--url", "https://bot.example.org", "--socket-mode")]
    public async Task SlackManifest_BadArguments_UsageErrorOnOneLine(string expected, params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
