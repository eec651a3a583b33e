using System.Net.WebSockets;
using System.Text;

namespace BotHost.Testing.Discord;

/// <summary>
/// The server side of one gateway WebSocket on <see cref="LoopbackDiscordGateway"/>: the test sends payloads as
/// Discord would, reads what the client sends, closes with a gateway close code or drops the connection. Answers the
/// client's close handshake with the client's own code, and records that code.
/// </summary>
public sealed class LoopbackGatewaySocket : LoopbackServerSocket
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private volatile bool _closeSent;

    internal LoopbackGatewaySocket(WebSocket socket, int number, string? path, string? query)
        : base(socket, number, query, DefaultTimeout)
    {
        Path = path ?? string.Empty;
    }

    /// <summary>The path the client connected to ("/gateway", "/resume").</summary>
    public string Path { get; }

    /// <summary>True when the client started the close handshake.</summary>
    public bool ClosedByClient { get; private set; }

    /// <summary>The close code in the client's close frame (its own close or its answer to ours); null when it sent none.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>Sends <paramref name="json"/> split into frames of <paramref name="frameBytes"/> bytes (one message).</summary>
    public Task SendFragmentedAsync(string json, int frameBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return WithSendLockAsync(async () =>
        {
            for (var offset = 0; offset < bytes.Length; offset += frameBytes)
            {
                var count = Math.Min(frameBytes, bytes.Length - offset);
                await Socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, CancellationToken.None);
            }
        });
    }

    /// <summary>Closes as Discord does (4004, 4009, ...): the close frame first; the client's answer ends <see cref="LoopbackServerSocket.Closed"/>.</summary>
    public Task CloseAsync(int code, string reason) => WithSendLockAsync(() =>
    {
        _closeSent = true;
        return Socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
    });

    private protected override Task OnCloseFrameAsync()
    {
        ClientCloseCode = (int?)Socket.CloseStatus;
        if (_closeSent) return Task.CompletedTask;
        ClosedByClient = true;
        var status = Socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
        return WithSendLockAsync(() => Socket.CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? null : "bye", CancellationToken.None));
    }
}
