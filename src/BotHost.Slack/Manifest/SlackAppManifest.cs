using System.Text.Json;
using System.Text.Json.Nodes;
using BotHost.Slack.Events;

namespace BotHost.Slack.Manifest;

/// <summary>
/// The Slack app manifest for <c>bothost slack manifest</c>: paste it into "Create New App > From an app manifest".
/// Field names follow the manifest schema as documented at https://api.slack.com/reference/manifests: display_information,
/// features (app_home, bot_user, slash_commands), oauth_config.scopes.bot, settings (event_subscriptions,
/// interactivity, socket_mode_enabled, ...). Slack accepts manifests as JSON or YAML; this is JSON.
/// </summary>
public static class SlackAppManifest
{
    public const string AppName = "BotHost";

    /// <summary>Scopes the bot needs: mentions, posting, slash commands, and reading and opening DMs.</summary>
    public static IReadOnlyList<string> BotScopes { get; } = ["app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write"];

    public static IReadOnlyList<string> BotEvents { get; } = ["app_mention", "message.im"];

    /// <summary>The manifest. <paramref name="publicUrl"/> (https) is required unless <paramref name="socketMode"/>.</summary>
    public static JsonObject Build(Uri? publicUrl, bool socketMode)
    {
        if (!socketMode && publicUrl is not { IsAbsoluteUri: true, Scheme: "https" })
        {
            throw new ArgumentException("An https URL is required for HTTP request URLs (or use Socket Mode).", nameof(publicUrl));
        }

        var events = new JsonObject { ["bot_events"] = Array(BotEvents) };
        var interactivity = new JsonObject { ["is_enabled"] = true };
        if (!socketMode)
        {
            events.Insert(0, "request_url", Url(publicUrl!, SlackEventsEndpoint.Path));
            interactivity["request_url"] = Url(publicUrl!, SlackInteractivityEndpoint.Path);
        }

        var commandsUrl = socketMode ? null : Url(publicUrl!, SlackCommandsEndpoint.Path);
        return new JsonObject
        {
            ["display_information"] = new JsonObject
            {
                ["name"] = AppName,
                ["description"] = "Answers questions about staying safe online by quoting vetted articles, with sources and hotlines.",
                ["background_color"] = "#1d3557",
            },
            ["features"] = new JsonObject
            {
                ["app_home"] = new JsonObject { ["home_tab_enabled"] = false, ["messages_tab_enabled"] = true, ["messages_tab_read_only_enabled"] = false },
                ["bot_user"] = new JsonObject { ["display_name"] = AppName, ["always_online"] = true },
                ["slash_commands"] = new JsonArray(
                    Command("/ask", "Ask a question about staying safe online", "QUESTION", commandsUrl),
                    Command("/hotlines", "Help services for a region", "[region, e.g. US or GB]", commandsUrl),
                    Command("/about", "What this bot is and where its answers come from", null, commandsUrl)),
            },
            ["oauth_config"] = new JsonObject { ["scopes"] = new JsonObject { ["bot"] = Array(BotScopes) } },
            ["settings"] = new JsonObject
            {
                ["event_subscriptions"] = events,
                ["interactivity"] = interactivity,
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = socketMode,
                ["token_rotation_enabled"] = false,
            },
        };
    }

    public static string ToJson(Uri? publicUrl, bool socketMode) =>
        Build(publicUrl, socketMode).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonObject Command(string command, string description, string? usageHint, string? url)
    {
        var json = new JsonObject { ["command"] = command };
        if (url is not null) json["url"] = url;
        json["description"] = description;
        if (usageHint is not null) json["usage_hint"] = usageHint;
        json["should_escape"] = false;
        return json;
    }

    private static string Url(Uri publicUrl, string path) => publicUrl.AbsoluteUri.TrimEnd('/') + path;

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
