using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Adapters;

/// <summary>
/// The bounded queue between acknowledging a platform (Slack's 3-second deadline, Discord's interaction deadline, the
/// gateway's receive loop) and answering, for both adapters. <see cref="ReplyQueueOptions.Workers"/> workers answer in
/// parallel. When the queue is full, work is refused (a log line and <c>bothost_replies_shed</c>) and the adapter tells
/// its platform, instead of waiting without bound. On shutdown no new work is taken and queued work is answered for up to
/// <see cref="ReplyQueueOptions.DrainTimeout"/>, then cancelled.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: bounded, first in, first out.")]
public sealed partial class BackgroundReplyQueue : IReplyQueue, IHostedService, IDisposable
{
    private readonly Channel<QueuedReply> _channel;
    private readonly CancellationTokenSource _abort = new();
    private readonly IOptions<ReplyQueueOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BackgroundReplyQueue> _logger;
    private readonly BotMetrics _metrics;
    private Task[] _workers = [];
    private volatile bool _stopping;

    public BackgroundReplyQueue(IOptions<ReplyQueueOptions> options, TimeProvider time, ILogger<BackgroundReplyQueue> logger, BotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _channel = Channel.CreateBounded<QueuedReply>(new BoundedChannelOptions(options.Value.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public int Pending => _channel.Reader.Count;

    public CancellationToken Stopping => _abort.Token;

    public bool TryEnqueue(string platform, string kind, Func<CancellationToken, Task> work)
    {
        var trace = QueuedTrace.Capture();
        if (Write(platform, kind, work, trace)) return true;
        trace.Cancel();
        return false;
    }

    public bool TryEnqueue(string platform, string kind, Func<CancellationToken, Task> work, QueuedTrace trace)
    {
        if (Write(platform, kind, work, trace)) return true;
        trace.Resume().Dispose();
        return false;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = [.. Enumerable.Range(0, _options.Value.Workers).Select(_ => Task.Run(RunAsync, CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _channel.Writer.TryComplete();
        var pending = Pending;
        if (pending > 0) LogDraining(pending);
        var all = Task.WhenAll(_workers);
        try
        {
            await all.WaitAsync(_options.Value.DrainTimeout, _time, cancellationToken);
            if (pending > 0) LogDrained(pending);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDrainCut(Pending);
            await _abort.CancelAsync();
            await all.WaitAsync(_options.Value.DrainTimeout, _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _channel.Writer.TryComplete();
        _abort.Dispose();
    }

    private bool Write(string platform, string kind, Func<CancellationToken, Task> work, QueuedTrace trace)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(work);
        if (_channel.Writer.TryWrite(new QueuedReply(kind, work, trace))) return true;
        var reason = _stopping ? BotMetrics.ShedStopping : BotMetrics.ShedFull;
        LogRejected(platform, kind, reason);
        _metrics.ReplyShed(platform, reason);
        return false;
    }

    /// <summary>A worker: the boundary where a bug in answering one message is logged and the next one proceeds.</summary>
    private async Task RunAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            using var trace = item.Trace.Resume();
            try
            {
                await item.Work(_abort.Token);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                LogAbandoned(item.Kind);
            }
            catch (Exception ex)
            {
                LogFailed(ex, item.Kind);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply queue is full or stopping ({Reason}); a {Platform} {Kind} was shed")]
    private partial void LogRejected(string platform, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: answering {Count} queued replies first")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the {Count} queued replies were answered")]
    private partial void LogDrained(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the drain time ran out with {Count} replies still queued; cancelling them")]
    private partial void LogDrainCut(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} was abandoned at shutdown")]
    private partial void LogAbandoned(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a {Kind} failed")]
    private partial void LogFailed(Exception exception, string kind);
}
