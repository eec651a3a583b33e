namespace BotHost.Core.Adapters;

/// <summary>How <see cref="ClientWebSocketConnector"/> opens and keeps one platform's connections.</summary>
/// <param name="Protocol">Named in errors ("gateway", "Socket Mode").</param>
/// <param name="MaxMessageBytes">A larger message faults the connection instead of growing without bound.</param>
/// <param name="ConnectTimeout">How long the opening handshake may take.</param>
/// <param name="KeepAliveInterval">The runtime's ping interval; null leaves liveness to the protocol (Discord's heartbeat).</param>
/// <param name="KeepAliveTimeout">A connection whose pong is this late is aborted (the idle watchdog); null for none.</param>
public sealed record WebSocketSettings(string Protocol, int MaxMessageBytes, TimeSpan ConnectTimeout, TimeSpan? KeepAliveInterval = null,
    TimeSpan? KeepAliveTimeout = null);
