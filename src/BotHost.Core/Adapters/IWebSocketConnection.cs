using System.Net.WebSockets;

namespace BotHost.Core.Adapters;

/// <summary>
/// One WebSocket as both platforms' event connections use it (Slack Socket Mode, the Discord gateway): whole text
/// messages in and out, and the close handshake. Small on purpose, so a session can be driven by a scripted fake.
/// </summary>
public interface IWebSocketConnection : IAsyncDisposable
{
    /// <summary>The close code the server sent, once <see cref="ReceiveAsync"/> has returned null; null when there was none.</summary>
    WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>
    /// The next complete text message, however many frames it came in; null once the connection is closed (the
    /// server's close is answered). Throws (WebSocketException, OperationCanceledException, ...) when it drops.
    /// </summary>
    ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text message; safe to call while a receive is pending and from several callers.</summary>
    ValueTask SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Sends the close frame; <see cref="ReceiveAsync"/> keeps returning messages sent before the server's close, then null.</summary>
    ValueTask CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken);

    /// <summary>Drops the connection at once, without a close frame; pending calls fail.</summary>
    void Abort();
}
