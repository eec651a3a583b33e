using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BotHost.State.Redis;

/// <summary>
/// The one Redis connection of this process (StackExchange.Redis multiplexes every call over it), with the health that
/// <c>/readyz</c> shows. It never blocks start-up or a member: the connection is made in the background
/// (<c>abortConnect=false</c>), and each store falls back to this process's memory while Redis cannot be reached,
/// counting each fallback (<c>bothost_state_failures</c>) and logging the first one of each outage.
/// </summary>
public sealed partial class RedisConnection : IStateHealth, IAsyncDisposable, IDisposable
{
    /// <summary>How long a call may wait for Redis before the store falls back (unless the configuration names its own).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisConnection> _logger;
    private readonly BotMetrics? _metrics;
    private readonly string _endpoint;
    private long _failures;
    private int _down;
    private DateTimeOffset? _downSince;
    private string? _lastError;

    public RedisConnection(IOptions<StateOptions> options, TimeProvider time, ILogger<RedisConnection> logger, BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = Configuration(options.Value.Redis ?? throw new InvalidOperationException("State__Redis is not set"));
        _endpoint = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
        Prefix = options.Value.KeyPrefix;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(configuration));
    }

    /// <summary>Prepended to every key (<see cref="StateOptions.KeyPrefix"/>).</summary>
    public string Prefix { get; }

    public StateHealthReport Health
    {
        get
        {
            lock (_logger)
            {
                return _downSince is { } since
                    ? new StateHealthReport("redis", false,
                        $"degraded since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({_lastError}); {_failures} call(s) so far used this replica's memory instead")
                    : new StateHealthReport("redis", true, $"ok ({_endpoint})");
            }
        }
    }

    /// <summary>
    /// Parses <c>State__Redis</c> the way StackExchange.Redis does, never aborting on a failed connect and with a short
    /// default timeout; throws <see cref="ArgumentException"/> for a string it cannot read.
    /// </summary>
    public static ConfigurationOptions Configuration(string value)
    {
        var configuration = ConfigurationOptions.Parse(value);
        if (configuration.EndPoints.Count == 0) throw new ArgumentException("names no host:port", nameof(value));
        configuration.AbortOnConnectFail = false;
        var timeout = (int)DefaultTimeout.TotalMilliseconds;
        if (!value.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) configuration.AsyncTimeout = timeout;
        if (!value.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) configuration.SyncTimeout = timeout;
        if (!value.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) configuration.ConnectTimeout = 5000;
        return configuration;
    }

    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    /// <summary>Starts connecting (the host calls this at start, so the first member does not wait for the handshake).</summary>
    public Task ConnectAsync() => _connection.Value;

    /// <summary>True for the failures a store falls back on: Redis unreachable, too slow, or refusing the command.</summary>
    public static bool IsOutage(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>A call worked: ends an outage.</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _down) == 0) return;
        lock (_logger)
        {
            if (_downSince is null) return;
            LogRecovered(_failures);
            _downSince = null;
            Volatile.Write(ref _down, 0);
        }
    }

    /// <summary>A call failed with an outage: counted, logged once per outage.</summary>
    public void Failed(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _metrics?.StateFailed("redis", operation);
        lock (_logger)
        {
            _failures++;
            _lastError = exception.GetType().Name;
            if (_downSince is not null) return;
            _downSince = _time.GetUtcNow();
            Volatile.Write(ref _down, 1);
            LogDown(exception, operation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value).DisposeAsync();
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully) _connection.Value.Result.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis cannot be reached ({Operation}); de-duplication, rate limits and alert merging use this replica's memory until it returns")]
    private partial void LogDown(Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is back; {Failures} call(s) in all used this replica's memory instead")]
    private partial void LogRecovered(long failures);
}
