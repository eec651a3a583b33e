using System.Net.WebSockets;
using System.Threading.Channels;
using BotHost.Core.Adapters;

namespace BotHost.Slack.Tests.Fakes;

/// <summary>Hands every connection the bot opens to the test as a <see cref="ScriptedWebSocket"/>; can refuse connections.</summary>
internal sealed class ScriptedWebSocketConnector : IWebSocketConnector
{
    private readonly Channel<ScriptedWebSocket> _opened = Channel.CreateUnbounded<ScriptedWebSocket>();
    private int _refusals;

    public int Attempts { get; private set; }

    /// <summary>The next <paramref name="count"/> connection attempts fail.</summary>
    public void RefuseNext(int count) => _refusals = count;

    public async Task<ScriptedWebSocket> NextAsync() => await _opened.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public Task<IWebSocketConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        Attempts++;
        if (_refusals > 0)
        {
            _refusals--;
            throw new WebSocketException(WebSocketError.NotAWebSocket);
        }

        var socket = new ScriptedWebSocket(url);
        _opened.Writer.TryWrite(socket);
        return Task.FromResult<IWebSocketConnection>(socket);
    }
}
