using System.Net.WebSockets;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket session. Its receive loop runs on its own until the socket closes, so while a
/// replacement connects after a <c>disconnect</c> frame, this one keeps receiving and acknowledging envelopes: none is
/// lost in a handover. Closing sends the close frame and keeps reading until Slack's close, for the same reason.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    private readonly IWebSocketConnection _socket;
    private readonly SocketModeEnvelopeHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;

    public SocketModeConnection(int id, IWebSocketConnection socket, SocketModeEnvelopeHandler handler, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _handler = handler;
        _logger = logger;
    }

    public int Id { get; }

    /// <summary>True once Slack said hello; false when the connection ended first.</summary>
    public Task<bool> Hello => _hello.Task;

    /// <summary>Completes with the reason of Slack's <c>disconnect</c> frame.</summary>
    public Task<string> Disconnect => _disconnect.Task;

    /// <summary>Completes when the receive loop has ended (closed, dropped or stopped).</summary>
    public Task Completion => _receiving;

    /// <summary>Counted by the adapter as open (between hello and close).</summary>
    public bool Counted { get; set; }

    public void Start() => _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);

    /// <summary>Closes politely: close frame out, frames before Slack's close still handled; aborted after <paramref name="timeout"/>.</summary>
    public async Task CloseAsync(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", _stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }

        try
        {
            await Completion.WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
            await _stop.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _socket.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>The session's boundary: whatever ends it is logged, and the slot decides what comes next.</summary>
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await _socket.ReceiveAsync(_stop.Token) is { } text) await HandleAsync(text);
            LogClosed(Id);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            LogClosed(Id);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            LogDropped(Id, ex.GetType().Name);
        }
        catch (Exception ex)
        {
            LogFailed(ex, Id);
        }
        finally
        {
            _hello.TrySetResult(false);
        }
    }

    private async Task HandleAsync(string text)
    {
        SocketModeFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(text, SlackJsonContext.Default.SocketModeFrame);
        }
        catch (JsonException)
        {
            LogUnreadable(Id);
            return;
        }

        switch (frame?.Type)
        {
            case SocketModeFrameType.Hello:
                LogHello(Id, frame.NumConnections ?? 0);
                _hello.TrySetResult(true);
                break;
            case SocketModeFrameType.Disconnect:
                LogDisconnect(Id, frame.Reason ?? "(none)");
                _disconnect.TrySetResult(frame.Reason ?? string.Empty);
                break;
            case not null:
                if (await _handler.HandleAsync(frame, _stop.Token) is { } ack)
                {
                    await _socket.SendAsync(JsonSerializer.Serialize(ack, SlackJsonContext.Default.SocketModeAck), _stop.Token);
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Id}: hello (Slack counts {Connections} connections)")]
    private partial void LogHello(int id, int connections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Id}: Slack asked to disconnect ({Reason})")]
    private partial void LogDisconnect(int id, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Id} closed")]
    private partial void LogClosed(int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id} dropped ({Error})")]
    private partial void LogDropped(int id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode connection {Id} failed")]
    private partial void LogFailed(Exception exception, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id}: a frame that is not JSON was ignored")]
    private partial void LogUnreadable(int id);
}
