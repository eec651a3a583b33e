using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Gateway;

/// <summary>
/// Keeps the bot connected to Discord's gateway (https://discord.com/developers/docs/events/gateway) while
/// <see cref="DiscordOptions.GatewayEnabled"/>: <c>GET /gateway/bot</c>, connect with <c>?v=10&amp;encoding=json</c>,
/// HELLO, heartbeats, IDENTIFY (paced by <see cref="GatewayIdentifyLimiter"/>), READY, dispatches to the
/// <see cref="IGatewayDispatchHandler"/>. A dropped or zombie connection, RECONNECT and a resumable INVALID_SESSION
/// resume the session at its <c>resume_gateway_url</c>; INVALID_SESSION with <c>d:false</c>, 4007 and 4009 start a
/// new one. Attempts are spaced by an <see cref="ExponentialBackoff"/> with full jitter, reset by every READY or RESUMED. Close codes
/// that retrying cannot fix (4004, 4010-4014) mark the adapter failed with the cause and stop this service only, not
/// the host. Shutdown closes with 1000. The token is never logged.
/// </summary>
public sealed partial class DiscordGatewayClient : BackgroundService
{
    /// <summary>The DI key of the <see cref="Random"/> behind heartbeat and reconnect jitter (tests register a fixed one).</summary>
    public const string RandomServiceKey = "discord-random";

    /// <summary>The DI key of the gateway's <see cref="IWebSocketConnector"/>.</summary>
    public const string ConnectorServiceKey = "discord-gateway";

    /// <summary>The gateway version and encoding every connection asks for (https://discord.com/developers/docs/events/gateway#connecting).</summary>
    internal const string VersionQuery = "v=10&encoding=json";

    private readonly IOptions<DiscordOptions> _options;
    private readonly IGatewayUrlSource _urls;
    private readonly IWebSocketConnector _connector;
    private readonly IGatewayDispatchHandler _handler;
    private readonly DiscordAdapter _adapter;
    private readonly DiscordBotIdentity _identity;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly GatewaySession _session = new();
    private readonly IEventDeduplicator? _claims;
    private GatewayBotInfo? _gatewayBot;
    private int _connections;

    public DiscordGatewayClient(
        IOptions<DiscordOptions> options,
        IGatewayUrlSource urls,
        [FromKeyedServices(ConnectorServiceKey)] IWebSocketConnector connector,
        IGatewayDispatchHandler handler,
        DiscordAdapter adapter,
        DiscordBotIdentity identity,
        TimeProvider time,
        [FromKeyedServices(RandomServiceKey)] Random random,
        ILogger<DiscordGatewayClient> logger,
        IEventDeduplicator? claims = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _urls = urls ?? throw new ArgumentNullException(nameof(urls));
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _claims = claims;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.Value;
        if (!options.GatewayEnabled)
        {
            LogOff();
            return;
        }

        var dispatcher = new GatewayDispatcher(_session, _handler, _adapter, _identity, _logger);
        var limiter = new GatewayIdentifyLimiter(options, _time, _logger, _claims);
        var context = new GatewayConnectionContext(options, _session, dispatcher, limiter, _time, _random, _logger);
        LogStarting(options.ShardId, options.ShardCount);
        try
        {
            await RunAsync(context, new ExponentialBackoff(options.ReconnectDelay, options.MaxReconnectDelay, BackoffJitter.Full, _random), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while waiting to reconnect: nothing is open.
        }

        LogStopped();
    }

    private async Task RunAsync(GatewayConnectionContext context, ExponentialBackoff backoff, CancellationToken stopping)
    {
        var failures = 0;
        while (true)
        {
            var end = await ConnectOnceAsync(context, stopping);
            if (end.Kind == GatewayEndKind.Stopping) return;
            if (end.Kind == GatewayEndKind.Fatal)
            {
                LogFatal(end.Detail!);
                _adapter.Fail(end.Detail!);
                return;
            }

            _adapter.GatewayLost();
            failures = end.Established ? 0 : failures + 1;
            if (end.Kind is GatewayEndKind.InvalidSession or GatewayEndKind.NewSession) _session.Reset();
            var delay = end.Kind switch
            {
                GatewayEndKind.Reconnect => TimeSpan.Zero,
                GatewayEndKind.InvalidSession => TimeSpan.FromSeconds(1 + (4 * _random.NextDouble())), // "between 1 and 5 seconds": https://discord.com/developers/docs/events/gateway-events#invalid-session
                _ => backoff.Delay(failures),
            };
            LogReconnecting(end.Kind, _session.Resumable is not null, delay.TotalSeconds);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, stopping);
        }
    }

    /// <summary>One connection attempt; the boundary where anything unexpected is logged and becomes a failed attempt.</summary>
    private async Task<GatewayEnd> ConnectOnceAsync(GatewayConnectionContext context, CancellationToken stopping)
    {
        try
        {
            var resumable = _session.Resumable;
            var url = resumable?.Url;
            if (url is null)
            {
                var (info, fatal) = await GetGatewayBotAsync(stopping);
                if (info is null) return fatal ?? GatewayEnd.Failed;
                await context.Limiter.WaitAsync(info, stopping);
                url = info.Url;
            }

            var socket = await OpenAsync(new UriBuilder(url) { Query = VersionQuery }.Uri, resumable is not null, stopping);
            if (socket is null) return GatewayEnd.Failed;
            await using var connection = new GatewayConnection(socket, Interlocked.Increment(ref _connections), resumable?.Id, context);
            return await connection.RunAsync(stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogAttemptFailed(ex);
            return GatewayEnd.Failed;
        }
    }

    /// <summary><c>GET /gateway/bot</c> before each IDENTIFY (its limits change); its URL is kept for when the call fails.</summary>
    private async Task<(GatewayBotInfo? Info, GatewayEnd? Fatal)> GetGatewayBotAsync(CancellationToken stopping)
    {
        try
        {
            var info = await _urls.GetGatewayBotAsync(stopping);
            if (info.Url.Scheme is not ("wss" or "ws"))
            {
                LogBadGatewayUrl(info.Url.Scheme);
                return (null, null);
            }

            _gatewayBot = info;
            LogGatewayBot(info.Shards, info.Remaining, info.MaxConcurrency);
            return (info, null);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return (null, GatewayEnd.Fatal("GET /gateway/bot answered 401: the bot token was rejected; check Discord__BotToken"));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            LogGatewayBotFailed(ex.GetType().Name, _gatewayBot is not null);
            return (_gatewayBot, null);
        }
    }

    private async Task<IWebSocketConnection?> OpenAsync(Uri url, bool resuming, CancellationToken stopping)
    {
        try
        {
            var socket = await _connector.ConnectAsync(url, stopping);
            LogConnected(url.Host, resuming);
            return socket;
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            LogConnectFailed(url.Host, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway is off (no Discord__BotToken, or Discord__Gateway=false)")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: starting as shard {ShardId} of {ShardCount}")]
    private partial void LogStarting(int shardId, int shardCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: connected to {Host} (resuming: {Resuming})")]
    private partial void LogConnected(string host, bool resuming);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: could not connect to {Host} ({Error})")]
    private partial void LogConnectFailed(string host, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway: GET /gateway/bot recommends {Shards} shard(s); {Remaining} IDENTIFY left today, max_concurrency {MaxConcurrency}")]
    private partial void LogGatewayBot(int shards, int remaining, int maxConcurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: GET /gateway/bot failed ({Error}); using the last URL: {HaveLast}")]
    private partial void LogGatewayBotFailed(string error, bool haveLast);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: GET /gateway/bot returned a {Scheme} URL, not a WebSocket one")]
    private partial void LogBadGatewayUrl(string scheme);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: connection ended ({Reason}); reconnecting in {Seconds:0.00} s (resume: {Resume})")]
    private partial void LogReconnecting(GatewayEndKind reason, bool resume, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord gateway: the connection attempt failed unexpectedly")]
    private partial void LogAttemptFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord gateway stopped for good: {Detail}")]
    private partial void LogFatal(string detail);
}
