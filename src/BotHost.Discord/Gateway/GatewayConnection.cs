using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Discord.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>
/// One gateway WebSocket from connect to close (https://discord.com/developers/docs/events/gateway#connection-lifecycle): HELLO within
/// <see cref="DiscordOptions.HelloTimeout"/>, heartbeats, IDENTIFY or RESUME, the opcodes, and why it ended. Leaving
/// to reconnect closes with 4000, so the session stays resumable; only shutdown closes with 1000. Payloads arriving
/// after the close began are ignored: the next RESUME replays them, since their sequence numbers were not counted.
/// </summary>
internal sealed partial class GatewayConnection : IAsyncDisposable
{
    /// <summary>Larger client payloads get close code 4002 (https://discord.com/developers/docs/events/gateway#sending-events).</summary>
    private const int MaxSendBytes = 4096;

    /// <summary>How long the server may take to answer our close frame before the connection is dropped.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly IWebSocketConnection _socket;
    private readonly int _number;
    private readonly string? _resumeSessionId;
    private readonly GatewayConnectionContext _context;
    private readonly ILogger _logger;
    private readonly GatewayHeartbeat _heartbeat;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private ITimer? _helloTimer;
    private ITimer? _closeTimer;
    private Task _closing = Task.CompletedTask;
    private Task _identifying = Task.CompletedTask;
    private bool _closeBegun;
    private bool _helloReceived;
    private volatile bool _helloMissing;
    private bool _established;
    private GatewayEndKind? _requested;

    /// <param name="resumeSessionId">The session to RESUME after HELLO; null to IDENTIFY a new one.</param>
    public GatewayConnection(IWebSocketConnection socket, int number, string? resumeSessionId, GatewayConnectionContext context)
    {
        _socket = socket;
        _number = number;
        _resumeSessionId = resumeSessionId;
        _context = context;
        _logger = context.Logger;
        _heartbeat = new GatewayHeartbeat(number, context.Time, context.Logger);
    }

    private bool Closing
    {
        get
        {
            lock (_gate) return _closeBegun;
        }
    }

    /// <summary>Runs the connection until it ends; shutdown (<paramref name="stopping"/>) closes it with 1000.</summary>
    public async Task<GatewayEnd> RunAsync(CancellationToken stopping)
    {
        lock (_gate) _helloTimer = _context.Time.CreateTimer(static c => ((GatewayConnection)c!).OnHelloMissing(), this, _context.Options.HelloTimeout, Timeout.InfiniteTimeSpan);
        using var stop = stopping.Register(static c => ((GatewayConnection)c!).BeginClose(WebSocketCloseStatus.NormalClosure, "shutting down"), this);
        string? error = null;
        try
        {
            while (await _socket.ReceiveAsync(_abort.Token) is { } text)
            {
                if (Closing) continue;
                if (GatewayPayload.Parse(text) is not { } payload)
                {
                    LogUnreadable(_number);
                    continue;
                }

                if (await HandleAsync(payload, stopping) is not { } end) continue;
                _requested = end;
                BeginClose(GatewayCloseCodes.Reconnecting, "reconnecting");
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            error = ex.GetType().Name;
        }

        return Conclude(error, stopping);
    }

    /// <summary>Starts the close handshake (once); the connection is dropped if the server does not answer in time.</summary>
    public void BeginClose(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_closeBegun) return;
            _closeBegun = true;
            _closeTimer = _context.Time.CreateTimer(static s => ((IWebSocketConnection)s!).Abort(), _socket, CloseTimeout, Timeout.InfiniteTimeSpan);
            _closing = Task.Run(() => CloseOutputAsync(status, reason), CancellationToken.None);
        }

        _heartbeat.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync();
        lock (_gate)
        {
            _helloTimer?.Dispose();
            _closeTimer?.Dispose();
        }

        await _abort.CancelAsync();
        _socket.Abort();
        await _closing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _identifying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _socket.DisposeAsync();
        _abort.Dispose();
    }

    /// <summary>One payload; a non-null result ends the connection that way.</summary>
    private async ValueTask<GatewayEndKind?> HandleAsync(GatewayPayload payload, CancellationToken stopping)
    {
        if (payload.S is { } sequence) _context.Session.Track(sequence);
        switch ((GatewayOpcode)payload.Op)
        {
            case GatewayOpcode.Dispatch:
                if (await _context.Dispatcher.DispatchAsync(_number, payload.T, payload.D, stopping)) _established = true;
                return null;
            case GatewayOpcode.Hello:
                return await OnHelloAsync(payload.D);
            case GatewayOpcode.Heartbeat:
                await SendHeartbeatAsync(_abort.Token);
                return null;
            case GatewayOpcode.HeartbeatAck:
                _heartbeat.Acknowledge();
                return null;
            case GatewayOpcode.Reconnect:
                LogReconnectRequested(_number);
                return GatewayEndKind.Reconnect;
            case GatewayOpcode.InvalidSession:
                var resumable = payload.D.ValueKind == JsonValueKind.True;
                LogInvalidSession(_number, resumable);
                return resumable ? GatewayEndKind.Reconnect : GatewayEndKind.InvalidSession;
            default:
                LogUnexpectedOpcode(_number, payload.Op);
                return null;
        }
    }

    private async ValueTask<GatewayEndKind?> OnHelloAsync(JsonElement data)
    {
        if (_helloReceived) return null;
        _helloReceived = true;
        lock (_gate) _helloTimer?.Dispose();
        var interval = ReadHeartbeatInterval(data);
        if (interval <= TimeSpan.Zero)
        {
            LogBadHello(_number);
            return GatewayEndKind.Dropped;
        }

        _heartbeat.Start(interval, interval * _context.Random.NextDouble(), SendHeartbeatAsync,
            () => BeginClose(GatewayCloseCodes.Reconnecting, "heartbeat not acknowledged"), _abort.Token);
        var options = _context.Options;
        if (_resumeSessionId is { } sessionId)
        {
            var sequence = _context.Session.Sequence ?? 0;
            LogResuming(_number, sequence);
            await SendAsync(GatewayCommands.Resume(options, sessionId, sequence), _abort.Token);
            return null;
        }

        _context.Session.Reset();
        _identifying = IdentifyAsync(options); // awaited on dispose, which follows the receive loop that set it
        return null;
    }

    /// <summary>
    /// Claims the shard's identify bucket, then sends IDENTIFY. Not awaited by the receive loop: while another shard
    /// process holds the bucket (up to 5 s) heartbeats and their ACKs keep flowing.
    /// </summary>
    private async Task IdentifyAsync(DiscordOptions options)
    {
        try
        {
            await _context.Limiter.ClaimAsync(_abort.Token);
            if (Closing) return;
            LogIdentifying(_number, options.ShardId, options.ShardCount);
            await SendAsync(GatewayCommands.Identify(options), _abort.Token);
            _context.Limiter.Identified();
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ended while waiting or sending; the receive loop reports how it ended.
            LogIdentifyAbandoned(_number);
        }
    }

    private static TimeSpan ReadHeartbeatInterval(JsonElement data)
    {
        try
        {
            var hello = data.ValueKind == JsonValueKind.Object ? data.Deserialize(GatewayJsonContext.Default.HelloData) : null;
            return TimeSpan.FromMilliseconds(hello?.HeartbeatInterval ?? 0);
        }
        catch (JsonException)
        {
            return TimeSpan.Zero;
        }
    }

    private ValueTask SendHeartbeatAsync(CancellationToken cancellationToken) =>
        SendAsync(GatewayCommands.Heartbeat(_context.Session.Sequence), cancellationToken);

    private ValueTask SendAsync(string json, CancellationToken cancellationToken)
    {
        // The message names only the size: IDENTIFY and RESUME carry the token.
        if (Encoding.UTF8.GetByteCount(json) > MaxSendBytes) throw new InvalidOperationException($"a gateway payload over {MaxSendBytes} bytes was not sent");
        return _socket.SendAsync(json, cancellationToken);
    }

    private void OnHelloMissing()
    {
        _helloMissing = true;
        _socket.Abort();
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            await _socket.CloseOutputAsync(status, reason, _abort.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            LogCloseFailed(ex, _number);
            _socket.Abort();
        }
    }

    private GatewayEnd Conclude(string? error, CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested) return End(GatewayEndKind.Stopping);
        if (_requested is { } requested) return End(requested);
        if (_heartbeat.Zombie) return End(GatewayEndKind.Dropped);
        if (_helloMissing)
        {
            LogNoHello(_number, _context.Options.HelloTimeout.TotalSeconds);
            return End(GatewayEndKind.Dropped);
        }

        if (error is not null)
        {
            LogDropped(_number, error);
            return End(GatewayEndKind.Dropped);
        }

        var code = (int?)_socket.CloseStatus;
        if (GatewayCloseCodes.FatalCause(code) is { } cause) return new GatewayEnd(GatewayEndKind.Fatal, _established, $"gateway closed with {code}: {cause}");
        LogClosedByDiscord(_number, code ?? 0);
        return End(GatewayCloseCodes.StartsNewSession(code) ? GatewayEndKind.NewSession : GatewayEndKind.Dropped);
    }

    private GatewayEnd End(GatewayEndKind kind) => new(kind, _established);
}
