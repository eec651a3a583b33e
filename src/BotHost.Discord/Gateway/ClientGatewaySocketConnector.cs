using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Gateway;

/// <summary>
/// Real WebSockets for the gateway. The opening handshake may take <see cref="DiscordOptions.RequestTimeout"/>; after
/// that liveness is the gateway's own heartbeat (a missing HEARTBEAT_ACK turns a dead connection into a reconnect).
/// </summary>
internal sealed class ClientGatewaySocketConnector(IOptions<DiscordOptions> options, TimeProvider time) : IGatewaySocketConnector
{
    public async Task<IGatewaySocket> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(url, linked.Token);
            return new ClientGatewaySocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
