using System.Net.WebSockets;

namespace BotHost.Testing.Slack;

/// <summary>
/// The server side of one Socket Mode WebSocket on the loopback Slack server: the test sends frames as Slack would and
/// reads what the bot sends back (acks). Answers the bot's close handshake the way Slack does.
/// </summary>
public sealed class LoopbackSocket : LoopbackServerSocket
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    internal LoopbackSocket(WebSocket socket, int number, string? query)
        : base(socket, number, query, DefaultTimeout)
    {
    }

    /// <summary>True when the bot started the close handshake.</summary>
    public bool ClosedByBot { get; private set; }

    public Task SendHelloAsync() =>
        SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-loopback"},"connection_info":{"app_id":"A111"}}""");

    public Task SendDisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"applink-loopback"}}""");

    private protected override Task OnCloseFrameAsync()
    {
        ClosedByBot = true;
        return WithSendLockAsync(() => Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None));
    }
}
