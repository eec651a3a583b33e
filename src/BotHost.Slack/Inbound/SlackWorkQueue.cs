using System.Threading.Channels;
using BotHost.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Inbound;

/// <summary>
/// The bounded queue between acknowledging Slack (within its 3-second deadline: 200 at once, protocols.md §6-§9) and
/// answering. A few workers answer in parallel. When the queue is full, the caller asks Slack to retry later instead
/// of dropping the question. On shutdown no new work is taken and queued work is answered for up to
/// <see cref="SlackOptions.DrainTimeout"/>, then cancelled.
/// </summary>
internal sealed partial class SlackWorkQueue : IHostedService, IDisposable
{
    private readonly Channel<SlackWorkItem> _channel;
    private readonly CancellationTokenSource _abort = new();
    private readonly IOptions<SlackOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackWorkQueue> _logger;
    private Task[] _workers = [];

    public SlackWorkQueue(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackWorkQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<SlackWorkItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Items waiting for a worker.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>False when the queue is full or shutting down: the caller asks Slack to retry.</summary>
    public bool TryEnqueue(string kind, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var trace = QueuedTrace.Capture();
        var queued = _channel.Writer.TryWrite(new SlackWorkItem(kind, work, trace));
        if (queued) return true;
        trace.Cancel();
        LogRejected(kind);
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
        _channel.Writer.TryComplete();
        _abort.Dispose();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Slack work queue is full or stopping; a {Kind} was not accepted and Slack is asked to retry")]
    private partial void LogRejected(string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: answering {Count} queued Slack messages first")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the {Count} queued Slack messages were answered")]
    private partial void LogDrained(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the drain time ran out with {Count} Slack messages still queued; cancelling them")]
    private partial void LogDrainCut(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack {Kind} was abandoned at shutdown")]
    private partial void LogAbandoned(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Slack {Kind} failed")]
    private partial void LogFailed(Exception exception, string kind);
}
