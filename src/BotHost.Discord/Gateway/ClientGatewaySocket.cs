using System.Net.WebSockets;
using BotHost.Core.Adapters;

namespace BotHost.Discord.Gateway;

/// <summary>
/// A <see cref="ClientWebSocket"/> as whole UTF-8 text messages (<see cref="TextWebSocket"/>; compression is never
/// requested), which also completes the close handshake when Discord closes first.
/// </summary>
internal sealed class ClientGatewaySocket(ClientWebSocket socket) : IGatewaySocket
{
    /// <summary>READY and GUILD_CREATE of big guilds reach megabytes; far more means something is wrong.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly TextWebSocket _socket = new(socket, MaxMessageBytes, "gateway");

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public async ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var message = await _socket.ReceiveAsync(cancellationToken);
        if (message is null) await AnswerCloseAsync(cancellationToken);
        return message;
    }

    public ValueTask SendAsync(string text, CancellationToken cancellationToken) => _socket.SendAsync(text, cancellationToken);

    public ValueTask CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken) =>
        _socket.CloseOutputAsync(status, reason, cancellationToken);

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    /// <summary>Completes the handshake Discord started, echoing its code (1000 from us would end the session).</summary>
    private async Task AnswerCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.CloseReceived) return;
        var status = _socket.CloseStatus ?? WebSocketCloseStatus.Empty;
        try
        {
            await _socket.CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? string.Empty : "bye", cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The server has closed already; our half of the handshake is a courtesy, so drop the connection instead.
            _socket.Abort();
        }
    }
}
