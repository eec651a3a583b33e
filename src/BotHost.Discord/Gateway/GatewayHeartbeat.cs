using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>
/// The heartbeat of one connection (https://discord.com/developers/docs/events/gateway#sending-heartbeats): the first after
/// <c>heartbeat_interval * jitter</c>, then every interval. When a heartbeat falls due and no HEARTBEAT_ACK arrived
/// since the previous one, the connection is a zombie: the owner closes it (not with 1000/1001) and resumes.
/// </summary>
internal sealed partial class GatewayHeartbeat(int connection, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Task _beating = Task.CompletedTask;
    private volatile bool _acknowledged = true;
    private volatile bool _zombie;

    /// <summary>True once a heartbeat fell due with the previous one unacknowledged.</summary>
    public bool Zombie => _zombie;

    /// <summary>Starts beating; the timer exists when this returns, so a fake clock advanced afterwards fires it.</summary>
    /// <param name="send">Sends one heartbeat.</param>
    /// <param name="onZombie">Called once when the connection turns out to be a zombie.</param>
    public void Start(TimeSpan interval, TimeSpan first, Func<CancellationToken, ValueTask> send, Action onZombie, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_timer is not null) return;
            _beating = Task.Run(() => BeatAsync(send, onZombie, cancellationToken), CancellationToken.None);
            _timer = time.CreateTimer(static due => ((Channel<bool>)due!).Writer.TryWrite(true), _due, first, interval);
        }
    }

    /// <summary>HEARTBEAT_ACK (op 11).</summary>
    public void Acknowledge() => _acknowledged = true;

    /// <summary>No more heartbeats (the connection is closing).</summary>
    public void Stop()
    {
        lock (_gate) _timer?.Dispose();
        _due.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task BeatAsync(Func<CancellationToken, ValueTask> send, Action onZombie, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _due.Reader.ReadAllAsync(cancellationToken))
            {
                if (!_acknowledged)
                {
                    _zombie = true;
                    LogZombie(connection);
                    onZombie();
                    return;
                }

                _acknowledged = false;
                LogHeartbeat(connection);
                await send(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The receive loop sees the same failure and decides what comes next.
            LogHeartbeatFailed(ex, connection);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: heartbeat")]
    private partial void LogHeartbeat(int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: no HEARTBEAT_ACK since the last heartbeat (zombie connection); reconnecting to resume")]
    private partial void LogZombie(int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: heartbeat not sent")]
    private partial void LogHeartbeatFailed(Exception exception, int connection);
}
