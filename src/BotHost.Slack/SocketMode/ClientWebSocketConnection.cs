using System.Net.WebSockets;
using System.Text;

namespace BotHost.Slack.SocketMode;

/// <summary>A <see cref="ClientWebSocket"/> as whole UTF-8 text messages; binary messages are skipped.</summary>
internal sealed class ClientWebSocketConnection(ClientWebSocket socket) : IWebSocketConnection
{
    /// <summary>Socket Mode envelopes are a few kilobytes; a larger message means something is wrong.</summary>
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    public async ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(_buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes) throw new WebSocketException(WebSocketError.Faulted, "Socket Mode message over 1 MiB");
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

    public async ValueTask CloseOutputAsync(CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
            }
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
}
