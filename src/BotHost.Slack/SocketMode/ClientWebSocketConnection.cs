using System.Net.WebSockets;
using BotHost.Core.Adapters;

namespace BotHost.Slack.SocketMode;

/// <summary>A <see cref="ClientWebSocket"/> as whole UTF-8 text messages (<see cref="TextWebSocket"/>).</summary>
internal sealed class ClientWebSocketConnection(ClientWebSocket socket) : IWebSocketConnection
{
    /// <summary>Socket Mode envelopes are a few kilobytes; a larger message means something is wrong.</summary>
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly TextWebSocket _socket = new(socket, MaxMessageBytes, "Socket Mode");

    public ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken) => _socket.ReceiveAsync(cancellationToken);

    public ValueTask SendAsync(string text, CancellationToken cancellationToken) => _socket.SendAsync(text, cancellationToken);

    public ValueTask CloseOutputAsync(CancellationToken cancellationToken) =>
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
