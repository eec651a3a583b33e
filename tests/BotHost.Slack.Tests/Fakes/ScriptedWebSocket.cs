using System.Net.WebSockets;
using System.Threading.Channels;
using BotHost.Core.Adapters;

namespace BotHost.Slack.Tests.Fakes;

/// <summary>
/// A WebSocket the test scripts: frames pushed by the test are what Slack "sends"; what the bot sends is kept. The
/// bot's close is answered like Slack answers it: frames already pushed are still delivered, then the close.
/// </summary>
internal sealed class ScriptedWebSocket(Uri url) : IWebSocketConnection
{
    private static readonly string Drop = new("drop".ToCharArray());

    private readonly Channel<string?> _incoming = Channel.CreateUnbounded<string?>();
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();

    public Uri Url { get; } = url;

    public bool CloseRequested { get; private set; }

    public bool Aborted { get; private set; }

    public void Push(string frame) => _incoming.Writer.TryWrite(frame);

    public void PushHello() => Push("""{"type":"hello","num_connections":1}""");

    public void PushDisconnect(string reason) => Push($$$"""{"type":"disconnect","reason":"{{{reason}}}"}""");

    /// <summary>The connection breaks (network failure) after the frames already pushed.</summary>
    public void PushDrop() => _incoming.Writer.TryWrite(Drop);

    /// <summary>The next frame the bot sent.</summary>
    public async Task<string> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public int UnreadSent => _sent.Reader.Count;

    public async ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var frame = await _incoming.Reader.ReadAsync(cancellationToken);
        if (ReferenceEquals(frame, Drop)) throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        return frame;
    }

    public ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        _sent.Writer.TryWrite(text);
        return ValueTask.CompletedTask;
    }

    public WebSocketCloseStatus? CloseStatus => null;

    public ValueTask CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        CloseRequested = true;
        _incoming.Writer.TryWrite(null);
        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        Aborted = true;
        _incoming.Writer.TryWrite(Drop);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
