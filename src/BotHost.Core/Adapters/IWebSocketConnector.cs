namespace BotHost.Core.Adapters;

/// <summary>Opens WebSockets; <see cref="ClientWebSocketConnector"/> is the real one.</summary>
public interface IWebSocketConnector
{
    /// <summary>Connects to <paramref name="url"/>; throws (WebSocketException, HttpRequestException, ...) when it cannot.</summary>
    Task<IWebSocketConnection> ConnectAsync(Uri url, CancellationToken cancellationToken);
}
