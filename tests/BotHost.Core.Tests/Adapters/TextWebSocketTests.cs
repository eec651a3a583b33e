using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using BotHost.Core.Adapters;

namespace BotHost.Core.Tests.Adapters;

/// <summary>A real WebSocket pair over a loopback TCP connection: the server side sends frames as a platform would.</summary>
public sealed class TextWebSocketTests : IAsyncLifetime, IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _client;
    private TcpClient? _accepted;
    private WebSocket _server = null!;
    private TextWebSocket _text = null!;

    public async Task InitializeAsync()
    {
        _listener.Start();
        _client = new TcpClient();
        var accept = _listener.AcceptTcpClientAsync();
        await _client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        _accepted = await accept;
        _server = WebSocket.CreateFromStream(_accepted.GetStream(), isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        var client = WebSocket.CreateFromStream(_client.GetStream(), isServer: false, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        _text = new TextWebSocket(client, maxMessageBytes: 64, protocol: "test");
    }

    [Fact]
    public async Task ReceiveAsync_MessageInSeveralFrames_ReturnsItWhole()
    {
        await _server.SendAsync(Encoding.UTF8.GetBytes("{\"op\":"), WebSocketMessageType.Text, endOfMessage: false, default);
        await _server.SendAsync(Encoding.UTF8.GetBytes("10, \"é\"}"), WebSocketMessageType.Text, endOfMessage: true, default);

        Assert.Equal("{\"op\":10, \"é\"}", await _text.ReceiveAsync(default));
    }

    [Fact]
    public async Task ReceiveAsync_BinaryThenText_SkipsTheBinaryMessage()
    {
        await _server.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, default);
        await _server.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, endOfMessage: true, default);

        Assert.Equal("hello", await _text.ReceiveAsync(default));
    }

    [Fact]
    public async Task ReceiveAsync_MessageOverTheCap_FaultsNamingTheProtocol()
    {
        await _server.SendAsync(new byte[65].Select(_ => (byte)'a').ToArray(), WebSocketMessageType.Text, endOfMessage: true, default);

        var error = await Assert.ThrowsAsync<WebSocketException>(async () => await _text.ReceiveAsync(default));
        Assert.Equal("test message over 64 bytes", error.Message);
    }

    [Fact]
    public async Task ReceiveAsync_ServerCloses_ReturnsNullAndAnswersWithTheServersCode()
    {
        await _server.CloseOutputAsync((WebSocketCloseStatus)4000, "resume", default);

        var message = await _text.ReceiveAsync(default);
        var answer = await _server.ReceiveAsync(new byte[16], default);

        Assert.Null(message);
        Assert.Equal((WebSocketCloseStatus)4000, _text.CloseStatus);
        Assert.Equal(WebSocketState.Closed, _text.State);
        Assert.Equal(WebSocketMessageType.Close, answer.MessageType);
        Assert.Equal((WebSocketCloseStatus)4000, answer.CloseStatus);
    }

    [Fact]
    public async Task SendAsync_ConcurrentSends_EachArrivesWhole()
    {
        var messages = Enumerable.Range(0, 20).Select(i => $"message-{i}-" + new string('x', 200)).ToList();

        await Task.WhenAll(messages.Select(m => _text.SendAsync(m, default).AsTask()));

        var received = new List<string>();
        var buffer = new byte[4096];
        while (received.Count < messages.Count)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await _server.ReceiveAsync(buffer, default);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            received.Add(Encoding.UTF8.GetString(message.ToArray()));
        }

        Assert.Equal(messages.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CloseOutputAsync_AfterClosing_DoesNotSendAgain()
    {
        await _text.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", default);
        await _text.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", default);

        var result = await _server.ReceiveAsync(new byte[16], default);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
        Assert.Equal(WebSocketState.CloseSent, _text.State);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _text.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.Dispose();
        _client?.Dispose();
        _accepted?.Dispose();
        _listener.Stop();
    }
}
