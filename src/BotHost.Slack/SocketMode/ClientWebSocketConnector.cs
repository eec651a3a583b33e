using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.SocketMode;

/// <summary>
/// Real WebSockets. Keep-alive is the runtime's: a ping every <see cref="SlackOptions.PingInterval"/> and the
/// connection aborted when no pong comes within <see cref="SlackOptions.PingTimeout"/> (NODESDK pings every 5 s and
/// gives up after 5 s without a pong; SlackWebSocket.ts) — the idle watchdog that turns a silently dead connection
/// into a drop and a reconnect.
/// </summary>
internal sealed class ClientWebSocketConnector(IOptions<SlackOptions> options) : IWebSocketConnector
{
    public async Task<IWebSocketConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var o = options.Value;
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = o.PingInterval;
        socket.Options.KeepAliveTimeout = o.PingTimeout;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(o.RequestTimeout);
            await socket.ConnectAsync(url, timeout.Token);
            return new ClientWebSocketConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
