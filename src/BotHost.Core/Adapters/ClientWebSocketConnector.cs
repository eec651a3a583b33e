using System.Net.WebSockets;

namespace BotHost.Core.Adapters;

/// <summary>
/// Real WebSockets (<see cref="ClientWebSocket"/>, compression never requested) as <see cref="TextWebSocket"/>s, for
/// both platforms: each adapter gives its own <see cref="WebSocketSettings"/>.
/// </summary>
public sealed class ClientWebSocketConnector(WebSocketSettings settings, TimeProvider time) : IWebSocketConnector
{
    public async Task<IWebSocketConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var socket = new ClientWebSocket();
        if (settings.KeepAliveInterval is { } interval) socket.Options.KeepAliveInterval = interval;
        if (settings.KeepAliveTimeout is { } timeout) socket.Options.KeepAliveTimeout = timeout;
        try
        {
            using var connect = new CancellationTokenSource(settings.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connect.Token);
            await socket.ConnectAsync(url, linked.Token);
            return new TextWebSocket(socket, settings.MaxMessageBytes, settings.Protocol);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
