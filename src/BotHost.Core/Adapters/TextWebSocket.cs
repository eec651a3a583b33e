using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace BotHost.Core.Adapters;

/// <summary>
/// A client WebSocket as whole UTF-8 text messages, as both platforms' event connections (Slack Socket Mode and the
/// Discord gateway) speak: a message may span several frames, so frames are gathered until <c>EndOfMessage</c>;
/// binary messages (neither connection asks for them) are skipped; a message over the cap faults the connection
/// instead of growing without bound. Sends are serialised, since a WebSocket allows one send at a time and
/// heartbeats, acknowledgements and replies go out from different tasks. When the server closes first, its close is
/// answered with its own code (a 1000 from us would, for instance, end a Discord session).
/// </summary>
/// <param name="protocol">Named in the over-the-cap error ("gateway", "Socket Mode").</param>
public sealed class TextWebSocket(WebSocket socket, int maxMessageBytes, string protocol) : IWebSocketConnection
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    public WebSocketState State => socket.State;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    /// <summary>The next text message, or null when the other side sent a close frame (which is then answered).</summary>
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
            if (message.Length > maxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted,
                    string.Create(CultureInfo.InvariantCulture, $"{protocol} message over {maxMessageBytes} bytes"));
            }

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

    /// <summary>Sends our close frame, unless the connection is already past the point of sending one.</summary>
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

    /// <summary>Completes the handshake the server started, echoing its code.</summary>
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

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        _send.Dispose();
        return ValueTask.CompletedTask;
    }
}
