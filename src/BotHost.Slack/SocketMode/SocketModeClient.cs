using System.Net.WebSockets;
using BotHost.Core.Adapters;
using BotHost.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.SocketMode;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketModeConnections"/> Socket Mode connections open, as Slack's SDKs keep a second
/// one so that events keep flowing while one is replaced. Each slot: <c>apps.connections.open</c> with the app-level
/// token, connect, wait for <c>hello</c>, then run until the session ends (<see cref="SessionEnd"/>):
/// a refresh opens the new connection before closing the old one; <c>too_many_websockets</c> closes first and backs
/// off (as https://github.com/slackapi/python-slack-sdk does); <c>link_disabled</c> and a rejected token stop for good; a drop reconnects with back-off and jitter.
/// </summary>
internal sealed partial class SocketModeClient(
    IOptions<SlackOptions> options,
    SlackApiClient api,
    [FromKeyedServices(SlackServiceKeys.SocketMode)] IWebSocketConnector connector,
    SocketModeEnvelopeHandler handler,
    SlackAdapter adapter,
    [FromKeyedServices(SlackServiceKeys.Backoff)] ExponentialBackoff backoff,
    TimeProvider time,
    ILogger<SocketModeClient> logger) : IHostedService, IDisposable
{
    /// <summary>How long a closing connection may take to finish its handshake.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task[] _slots = [];
    private int _nextId;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SocketMode) return Task.CompletedTask;
        LogStarting(o.SocketModeConnections);
        _slots = [.. Enumerable.Range(0, o.SocketModeConnections).Select(slot => Task.Run(() => RunSlotAsync(slot, _stopping.Token), CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_slots).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>One connection slot; the boundary where anything unexpected is logged and the slot starts over.</summary>
    private async Task RunSlotAsync(int slot, CancellationToken stopping)
    {
        var failures = new FailureCount();
        SocketModeConnection? current = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    current ??= await ConnectAsync(slot, failures, stopping);
                    if (current is null) return;
                    var end = await WaitForEndAsync(current, stopping);
                    current = await HandleEndAsync(slot, current, end, failures, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogSlotFailed(ex, slot);
                    if (current is not null) await CloseAsync(current);
                    current = null;
                    await DelayAsync(backoff.Delay(failures.Value++), stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            if (current is not null) await CloseAsync(current);
        }
    }

    /// <summary>The connection the slot continues with, or null to connect again.</summary>
    private async Task<SocketModeConnection?> HandleEndAsync(int slot, SocketModeConnection current, SessionEnd end, FailureCount failures,
        CancellationToken stopping)
    {
        switch (end)
        {
            case SessionEnd.Refresh:
                // The old connection keeps receiving and acking while the new one connects: no envelope is lost.
                var next = await ConnectAsync(slot, failures, stopping);
                await CloseAsync(current);
                return next;
            case SessionEnd.TooManyWebsockets:
                LogTooManyWebsockets(slot);
                await CloseAsync(current);
                await DelayAsync(backoff.Delay(++failures.Value), stopping);
                return null;
            case SessionEnd.LinkDisabled:
                await CloseAsync(current);
                StopForGood("Socket Mode is turned off in the Slack app's settings (link_disabled): turn it on, or set Slack__SocketMode=false and use the HTTP request URLs");
                return null;
            case SessionEnd.Dropped:
                await CloseAsync(current);
                await DelayAsync(backoff.Delay(failures.Value++), stopping);
                return null;
            default:
                return current;
        }
    }

    private static async Task<SessionEnd> WaitForEndAsync(SocketModeConnection connection, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stopped = Task.Delay(Timeout.Infinite, wait.Token);
        var first = await Task.WhenAny(connection.Disconnect, connection.Completion, stopped);
        await wait.CancelAsync();
        if (first == stopped) return SessionEnd.Stopping;
        if (first != connection.Disconnect) return SessionEnd.Dropped;
        return connection.Disconnect.Result switch
        {
            DisconnectReason.TooManyWebsockets => SessionEnd.TooManyWebsockets,
            DisconnectReason.LinkDisabled => SessionEnd.LinkDisabled,
            _ => SessionEnd.Refresh,
        };
    }

    /// <summary>Connects, retrying with back-off; null when stopping or after a fatal error.</summary>
    private async Task<SocketModeConnection?> ConnectAsync(int slot, FailureCount failures, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var (connection, fatal) = await TryConnectAsync(slot, stopping);
            if (connection is not null)
            {
                failures.Value = 0;
                return connection;
            }

            if (fatal is not null)
            {
                StopForGood(fatal);
                return null;
            }

            await DelayAsync(backoff.Delay(failures.Value++), stopping);
        }

        return null;
    }

    private async Task<(SocketModeConnection? Connection, string? Fatal)> TryConnectAsync(int slot, CancellationToken stopping)
    {
        var opened = await api.OpenSocketConnectionAsync(stopping);
        if (!opened.Ok)
        {
            return SlackApiErrors.IsFatalAuth(opened.Error) ? (null, SlackApiErrors.Describe(opened.Error!, SlackTokenKind.App)) : (null, null);
        }

        if (!Uri.TryCreate(opened.Response!.Url, UriKind.Absolute, out var url) || (url.Scheme != "wss" && url.Scheme != "ws"))
        {
            LogBadUrl();
            return (null, null);
        }

        IWebSocketConnection socket;
        try
        {
            socket = await connector.ConnectAsync(url, stopping);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            LogConnectFailed(slot, url.Host, ex.GetType().Name);
            return (null, null);
        }

        var connection = new SocketModeConnection(Interlocked.Increment(ref _nextId), socket, handler, logger);
        connection.Start();
        return await AwaitHelloAsync(slot, connection, url, stopping);
    }

    private async Task<(SocketModeConnection? Connection, string? Fatal)> AwaitHelloAsync(int slot, SocketModeConnection connection, Uri url,
        CancellationToken stopping)
    {
        bool hello;
        try
        {
            hello = await connection.Hello.WaitAsync(options.Value.HelloTimeout, time, stopping);
        }
        catch (TimeoutException)
        {
            hello = false;
        }

        if (hello)
        {
            connection.Counted = true;
            adapter.SocketOpened();
            LogConnected(slot, connection.Id, url.Host);
            return (connection, null);
        }

        LogNoHello(slot, connection.Id);
        var linkDisabled = connection.Disconnect is { IsCompletedSuccessfully: true, Result: DisconnectReason.LinkDisabled };
        await CloseAsync(connection);
        return linkDisabled ? (null, "Socket Mode is turned off in the Slack app's settings (link_disabled)") : (null, null);
    }

    private async Task CloseAsync(SocketModeConnection connection)
    {
        await connection.CloseAsync(CloseTimeout, time);
        if (connection.Counted)
        {
            connection.Counted = false;
            adapter.SocketClosed();
        }

        await connection.DisposeAsync();
    }

    private void StopForGood(string detail)
    {
        LogStopped(detail);
        adapter.Fail(detail);
        _stopping.Cancel();
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        LogReconnectIn(delay.TotalSeconds);
        await Task.Delay(delay, time, stopping);
    }

    /// <summary>Consecutive failed attempts of one slot (a class, since async methods cannot take ref arguments).</summary>
    private sealed class FailureCount
    {
        public int Value { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: opening {Count} connection(s)")]
    private partial void LogStarting(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode slot {Slot}: connection {Id} open to {Host}")]
    private partial void LogConnected(int slot, int id, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode slot {Slot}: could not connect to {Host} ({Error})")]
    private partial void LogConnectFailed(int slot, string host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode slot {Slot}: connection {Id} did not say hello in time")]
    private partial void LogNoHello(int slot, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "apps.connections.open returned no usable WebSocket URL")]
    private partial void LogBadUrl();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode slot {Slot}: too_many_websockets. Is another instance running with the same Slack__AppToken? Backing off")]
    private partial void LogTooManyWebsockets(int slot);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode: next connection attempt in {Seconds:0.00} s")]
    private partial void LogReconnectIn(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode stopped: {Detail}")]
    private partial void LogStopped(string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode slot {Slot} failed unexpectedly")]
    private partial void LogSlotFailed(Exception exception, int slot);
}
