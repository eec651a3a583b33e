using System.Text.Json.Nodes;
using BotHost.Slack.Manifest;

namespace BotHost.Slack.Tests.Manifest;

public sealed class SlackAppManifestTests
{
    [Fact]
    public void Build_HttpMode_ScopesEventsCommandsAndRequestUrls()
    {
        var manifest = SlackAppManifest.Build(new Uri("https://bot.example.org/"), socketMode: false);

        Assert.Equal(["app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write"], Strings(manifest["oauth_config"]!["scopes"]!["bot"]!));
        var settings = manifest["settings"]!;
        Assert.Equal("https://bot.example.org/slack/events", (string?)settings["event_subscriptions"]!["request_url"]);
        Assert.Equal(["app_mention", "message.im"], Strings(settings["event_subscriptions"]!["bot_events"]!));
        Assert.True((bool)settings["interactivity"]!["is_enabled"]!);
        Assert.Equal("https://bot.example.org/slack/interactivity", (string?)settings["interactivity"]!["request_url"]);
        Assert.False((bool)settings["socket_mode_enabled"]!);
        var commands = manifest["features"]!["slash_commands"]!.AsArray();
        Assert.Equal(["/ask", "/hotlines", "/about"], commands.Select(c => (string)c!["command"]!));
        Assert.All(commands, c => Assert.Equal("https://bot.example.org/slack/commands", (string?)c!["url"]));
        Assert.True((bool)manifest["features"]!["app_home"]!["messages_tab_enabled"]!);
    }

    [Fact]
    public void Build_SocketMode_NoRequestUrls()
    {
        var manifest = SlackAppManifest.Build(null, socketMode: true);

        var settings = manifest["settings"]!;
        Assert.True((bool)settings["socket_mode_enabled"]!);
        Assert.Null(settings["event_subscriptions"]!["request_url"]);
        Assert.Null(settings["interactivity"]!["request_url"]);
        Assert.All(manifest["features"]!["slash_commands"]!.AsArray(), c => Assert.Null(c!["url"]));
    }

    [Fact]
    public void Build_HttpModeWithoutHttpsUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => SlackAppManifest.Build(new Uri("http://bot.example.org"), socketMode: false));
        Assert.Throws<ArgumentException>(() => SlackAppManifest.Build(null, socketMode: false));
    }

    [Fact]
    public void ToJson_UrlWithPath_ParsesBackWithTheFullRequestUrls()
    {
        var json = SlackAppManifest.ToJson(new Uri("https://example.org/bothost"), socketMode: false);

        var parsed = JsonNode.Parse(json)!;
        Assert.Equal("https://example.org/bothost/slack/events", (string?)parsed["settings"]!["event_subscriptions"]!["request_url"]);
    }

    private static string[] Strings(JsonNode array) => [.. array.AsArray().Select(n => (string)n!)];
}
