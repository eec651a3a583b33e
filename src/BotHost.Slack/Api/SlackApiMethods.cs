namespace BotHost.Slack.Api;

/// <summary>Web API method names (https://docs.slack.dev/reference/methods), with the tier each is limited by.</summary>
internal static class SlackApiMethods
{
    /// <summary>Special tier: about one message per second per channel (https://api.slack.com/apis/rate-limits).</summary>
    public const string ChatPostMessage = "chat.postMessage";

    /// <summary>Tier 4.</summary>
    public const string ChatPostEphemeral = "chat.postEphemeral";

    /// <summary>Tier 3; needs <c>im:write</c>.</summary>
    public const string ConversationsOpen = "conversations.open";

    /// <summary>Special tier; any token.</summary>
    public const string AuthTest = "auth.test";

    /// <summary>Tier 1 (https://api.slack.com/methods/apps.connections.open); the app-level token goes in the Authorization header.</summary>
    public const string AppsConnectionsOpen = "apps.connections.open";
}
