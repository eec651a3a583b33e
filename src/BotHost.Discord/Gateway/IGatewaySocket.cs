using System.Net.WebSockets;

namespace BotHost.Discord.Gateway;

/// <summary>
/// One gateway WebSocket as the client uses it: whole text messages in and out, and the close handshake. Small on
/// purpose, so a session can be driven by a scripted fake (the shape Discord.Net gives its gateway socket).
/// </summary>
public interface IGatewaySocket : IAsyncDisposable
{
    /// <summary>The close code Discord sent, once <see cref="ReceiveAsync"/> has returned null; null when there was none.</summary>
    WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>
    /// The next complete text message, however many frames it came in; null once the connection is closed (the
    /// server's close is answered). Throws (WebSocketException, OperationCanceledException, ...) when it drops.
    /// </summary>
    ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text message; safe to call while a receive is pending and from several callers.</summary>
    ValueTask SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Sends the close frame with <paramref name="status"/>; <see cref="ReceiveAsync"/> returns null when the server answers.</summary>
    ValueTask CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken);

    /// <summary>Drops the connection at once, without a close frame; pending calls fail.</summary>
    void Abort();
}
