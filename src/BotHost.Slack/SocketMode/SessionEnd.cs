namespace BotHost.Slack.SocketMode;

/// <summary>Why a Socket Mode connection's session is over, and so what the connection slot does next.</summary>
internal enum SessionEnd
{
    /// <summary>The host is stopping.</summary>
    Stopping,

    /// <summary><c>warning</c>, <c>refresh_requested</c> or an unknown reason: replace it, new one first.</summary>
    Refresh,

    /// <summary><c>too_many_websockets</c>: close it, then reconnect after a back-off.</summary>
    TooManyWebsockets,

    /// <summary><c>link_disabled</c>: Socket Mode is off for the app; stop.</summary>
    LinkDisabled,

    /// <summary>Closed or broken without a disconnect frame: reconnect with back-off and jitter.</summary>
    Dropped,
}
