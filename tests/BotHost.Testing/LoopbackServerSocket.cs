using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace BotHost.Testing;

/// <summary>
/// The server side of one WebSocket on a loopback platform server (Slack Socket Mode, the Discord gateway): the test
/// sends frames as the platform would and reads, in order, every text message the bot sent. How the server answers
/// the bot's close frame is the platform's own (<see cref="OnCloseFrameAsync"/>).
/// </summary>
public abstract class LoopbackServerSocket : IDisposable
{
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly TimeSpan _timeout;

    private protected LoopbackServerSocket(WebSocket socket, int number, string? query, TimeSpan timeout)
    {
        Socket = socket;
        Number = number;
        Query = query ?? string.Empty;
        _timeout = timeout;
    }

    /// <summary>1 for the first socket the server accepted, 2 for the second, ...</summary>
    public int Number { get; }

    /// <summary>The query string the bot connected with.</summary>
    public string Query { get; }

    /// <summary>Completes when the connection has ended, whoever ended it.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Messages the bot sent that nobody has read yet.</summary>
    public int Unread => _received.Reader.Count;

    private protected WebSocket Socket { get; }

    public Task SendAsync(string json) =>
        WithSendLockAsync(() => Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None));

    /// <summary>The next text message the bot sent.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? _timeout);

    /// <summary>Drops the connection without a close handshake (a network failure).</summary>
    public void Abort() => Socket.Abort();

    public void Dispose()
    {
        _send.Dispose();
        GC.SuppressFinalize(this);
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await OnCloseFrameAsync();
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

    /// <summary>Runs a send (or close) alone: a WebSocket allows one at a time.</summary>
    private protected async Task WithSendLockAsync(Func<Task> send)
    {
        await _send.WaitAsync();
        try
        {
            await send();
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The bot sent a close frame; answer it as the platform does.</summary>
    private protected abstract Task OnCloseFrameAsync();
}
