using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace BotHost.Testing.Discord;

/// <summary>
/// The server side of one gateway WebSocket on <see cref="LoopbackDiscordGateway"/>: the test sends payloads as
/// Discord would, reads what the client sends, closes with a gateway close code or drops the connection. Answers the
/// client's close handshake with the client's own code, and records that code.
/// </summary>
public sealed class LoopbackGatewaySocket : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _send = new(1, 1);
    private volatile bool _closeSent;

    internal LoopbackGatewaySocket(WebSocket socket, int number, string? path, string? query)
    {
        _socket = socket;
        Number = number;
        Path = path ?? string.Empty;
        Query = query ?? string.Empty;
    }

    /// <summary>1 for the first socket the server accepted, 2 for the second, ...</summary>
    public int Number { get; }

    /// <summary>The path the client connected to ("/gateway", "/resume").</summary>
    public string Path { get; }

    /// <summary>The query string the client connected with ("?v=10&amp;encoding=json").</summary>
    public string Query { get; }

    /// <summary>Completes when the connection has ended, whoever ended it.</summary>
    public Task Closed => _closed.Task;

    /// <summary>True when the client started the close handshake.</summary>
    public bool ClosedByClient { get; private set; }

    /// <summary>The close code in the client's close frame (its own close or its answer to ours); null when it sent none.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>Payloads the client sent that nobody has read yet.</summary>
    public int Unread => _received.Reader.Count;

    public async Task SendAsync(string json)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Sends <paramref name="json"/> split into frames of <paramref name="frameBytes"/> bytes (one message).</summary>
    public async Task SendFragmentedAsync(string json, int frameBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await _send.WaitAsync();
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += frameBytes)
            {
                var count = Math.Min(frameBytes, bytes.Length - offset);
                await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, CancellationToken.None);
            }
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The next text message the client sent.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Closes as Discord does (4004, 4009, ...): the close frame first; the client's answer ends <see cref="Closed"/>.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _send.WaitAsync();
        try
        {
            _closeSent = true;
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the connection without a close handshake (a network failure).</summary>
    public void Abort() => _socket.Abort();

    public void Dispose() => _send.Dispose();

    internal async Task RunAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await OnClientCloseAsync();
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                _received.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Dropped: Closed completes below.
        }
        finally
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    private async Task OnClientCloseAsync()
    {
        ClientCloseCode = (int?)_socket.CloseStatus;
        if (_closeSent) return;
        ClosedByClient = true;
        await _send.WaitAsync();
        try
        {
            var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
            await _socket.CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? null : "bye", CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }
}
