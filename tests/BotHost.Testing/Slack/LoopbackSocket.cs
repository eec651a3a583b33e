using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace BotHost.Testing.Slack;

/// <summary>
/// The server side of one Socket Mode WebSocket on the loopback Slack server: the test sends frames as Slack would and
/// reads what the bot sends back (acks). Answers the bot's close handshake the way Slack does.
/// </summary>
public sealed class LoopbackSocket : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly WebSocket _socket;
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _send = new(1, 1);

    internal LoopbackSocket(WebSocket socket, int number, string? query)
    {
        _socket = socket;
        Number = number;
        Query = query ?? string.Empty;
    }

    /// <summary>1 for the first socket the server accepted, 2 for the second, ...</summary>
    public int Number { get; }

    /// <summary>The query string the bot connected with (the ticket apps.connections.open handed out).</summary>
    public string Query { get; }

    /// <summary>Completes when the connection has ended, whoever ended it.</summary>
    public Task Closed => _closed.Task;

    /// <summary>True when the bot started the close handshake.</summary>
    public bool ClosedByBot { get; private set; }

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

    public Task SendHelloAsync() =>
        SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-loopback"},"connection_info":{"app_id":"A111"}}""");

    public Task SendDisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"applink-loopback"}}""");

    /// <summary>The next text frame the bot sent.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Frames the bot sent that nobody has read yet.</summary>
    public int Unread => _received.Reader.Count;

    /// <summary>Drops the connection without a close handshake (a network failure).</summary>
    public void Abort() => _socket.Abort();

    public void Dispose() => _send.Dispose();

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClosedByBot = true;
                    await _send.WaitAsync();
                    try
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }
                    finally
                    {
                        _send.Release();
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                _received.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped: Closed completes below.
        }
        finally
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
