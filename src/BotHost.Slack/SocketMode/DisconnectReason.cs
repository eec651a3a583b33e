namespace BotHost.Slack.SocketMode;

/// <summary><c>reason</c> of a <c>disconnect</c> frame (https://api.slack.com/apis/socket-mode).</summary>
internal static class DisconnectReason
{
    /// <summary>About 10 s before a refresh: Slack's Node SDK opens the second connection now.</summary>
    public const string Warning = "warning";

    /// <summary>Routine refresh: open the new connection, then close this one (as Slack's Node SDK switches sockets).</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>The app holds too many connections (another process with the same token?): close this one first (as the Python SDK does).</summary>
    public const string TooManyWebsockets = "too_many_websockets";

    /// <summary>Socket Mode was turned off in the app's settings ([secondary]): reconnecting can never succeed.</summary>
    public const string LinkDisabled = "link_disabled";
}
