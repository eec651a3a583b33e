using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using BotHost.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Adapters;

/// <summary>
/// The bounded queue between acknowledging a platform (Slack's 3-second deadline, Discord's interaction deadline, the
/// gateway's receive loop) and answering, for both adapters. <see cref="ReplyQueueOptions.Workers"/> workers answer in
/// parallel. When the queue is full, work is refused and the adapter tells its platform, instead of waiting without
/// bound. On shutdown no new work is taken and queued work is answered for up to
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
    private Task[] _workers = [];

    public BackgroundReplyQueue(IOptions<ReplyQueueOptions> options, TimeProvider time, ILogger<BackgroundReplyQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<QueuedReply>(new BoundedChannelOptions(options.Value.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public int Pending => _channel.Reader.Count;

    public CancellationToken Stopping => _abort.Token;

    public bool TryEnqueue(string kind, Func<CancellationToken, Task> work)
    {
        var trace = QueuedTrace.Capture();
        if (Write(kind, work, trace)) return true;
        trace.Cancel();
        return false;
    }

    public bool TryEnqueue(string kind, Func<CancellationToken, Task> work, QueuedTrace trace)
    {
        if (Write(kind, work, trace)) return true;
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
        _channel.Writer.TryComplete();
        if (Pending > 0) LogDraining(Pending);
        var all = Task.WhenAll(_workers);
        try
        {
            await all.WaitAsync(_options.Value.DrainTimeout, _time, cancellationToken);
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
        _channel.Writer.TryComplete();
        _abort.Dispose();
    }

    private bool Write(string kind, Func<CancellationToken, Task> work, QueuedTrace trace)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(work);
        if (_channel.Writer.TryWrite(new QueuedReply(kind, work, trace))) return true;
        LogRejected(kind);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply queue is full or stopping; a {Kind} was not accepted")]
    private partial void LogRejected(string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: answering {Count} queued replies first")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the drain time ran out with {Count} replies still queued; cancelling them")]
    private partial void LogDrainCut(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} was abandoned at shutdown")]
    private partial void LogAbandoned(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a {Kind} failed")]
    private partial void LogFailed(Exception exception, string kind);
}
