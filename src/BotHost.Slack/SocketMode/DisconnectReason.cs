namespace BotHost.Slack.SocketMode;

/// <summary><c>reason</c> of a <c>disconnect</c> frame (protocols.md §9).</summary>
internal static class DisconnectReason
{
    /// <summary>About 10 s before a refresh: NODESDK opens the second connection now.</summary>
    public const string Warning = "warning";

    /// <summary>Routine refresh: open the new connection, then close this one (NODESDK switches sockets).</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>The app holds too many connections (another process with the same token?): close this one first (PYSDK).</summary>
    public const string TooManyWebsockets = "too_many_websockets";

    /// <summary>Socket Mode was turned off in the app's settings ([secondary]): reconnecting can never succeed.</summary>
    public const string LinkDisabled = "link_disabled";
}
