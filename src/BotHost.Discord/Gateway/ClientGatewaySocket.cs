using System.Net.WebSockets;
using System.Text;

namespace BotHost.Discord.Gateway;

/// <summary>
/// A <see cref="ClientWebSocket"/> as whole UTF-8 text messages. A message may span several frames, so frames are
/// gathered until <c>EndOfMessage</c>; binary messages (compression is never requested) are skipped.
/// </summary>
internal sealed class ClientGatewaySocket(ClientWebSocket socket) : IGatewaySocket
{
    /// <summary>READY and GUILD_CREATE of big guilds reach megabytes; far more means something is wrong.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public async ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync(cancellationToken);
                return null;
            }

            message.Write(_buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes) throw new WebSocketException(WebSocketError.Faulted, "gateway message over 16 MiB");
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Text) return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
        }
    }

    public async ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    public async ValueTask CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) await socket.CloseOutputAsync(status, reason, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    public void Abort() => socket.Abort();

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        _send.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes the handshake Discord started, echoing its code (1000 from us would end the session).</summary>
    private async Task AnswerCloseAsync(CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.CloseReceived) return;
        var status = socket.CloseStatus ?? WebSocketCloseStatus.Empty;
        try
        {
            await CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? string.Empty : "bye", cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The server has closed already; our half of the handshake is a courtesy, so drop the connection instead.
            socket.Abort();
        }
    }
}
