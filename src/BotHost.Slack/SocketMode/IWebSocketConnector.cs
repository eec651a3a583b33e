namespace BotHost.Slack.SocketMode;

/// <summary>Opens WebSockets; the real one uses <see cref="System.Net.WebSockets.ClientWebSocket"/>.</summary>
internal interface IWebSocketConnector
{
    /// <summary>Connects to <paramref name="url"/>; throws (WebSocketException, HttpRequestException, ...) when it cannot.</summary>
    Task<IWebSocketConnection> ConnectAsync(Uri url, CancellationToken cancellationToken);
}
