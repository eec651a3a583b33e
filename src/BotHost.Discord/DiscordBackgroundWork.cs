using BotHost.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord;

/// <summary>
/// Work that outlives the request or dispatch that started it: answering gateway messages and interactions, and
/// editing a deferred interaction response. At most <see cref="Concurrency"/> run at once. On shutdown nothing new
/// starts and running work gets <see cref="DrainTimeout"/> to finish before it is cancelled.
/// </summary>
public sealed partial class DiscordBackgroundWork(TimeProvider time, ILogger<DiscordBackgroundWork> logger) : IHostedService, IDisposable
{
    public const int Concurrency = 8;

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(Concurrency, Concurrency);
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];
    private bool _stopped;

    /// <summary>Cancelled when the drain time is over.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Starts <paramref name="work"/> in the background, inside <paramref name="trace"/> (a message span handed over,
    /// which ends with the work); false (and nothing runs) once shutdown has begun.
    /// </summary>
    public bool Run(string kind, Func<CancellationToken, Task> work, QueuedTrace trace = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            if (_stopped)
            {
                trace.Resume().Dispose();
                return false;
            }

            var task = RunAsync(kind, work, trace);
            _running.Add(task);
            _ = task.ContinueWith(t =>
            {
                lock (_gate) _running.Remove(t);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return true;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_gate)
        {
            _stopped = true;
            running = [.. _running];
        }

        if (running.Length == 0) return;
        LogDraining(running.Length);
        try
        {
            await Task.WhenAll(running).WaitAsync(DrainTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogAbandoned(running.Count(t => !t.IsCompleted));
            await _stopping.CancelAsync();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync(string kind, Func<CancellationToken, Task> work, QueuedTrace trace)
    {
        await Task.Yield();
        using var resumed = trace.Resume();
        try
        {
            await _slots.WaitAsync(_stopping.Token);
            try
            {
                await work(_stopping.Token);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogCancelled(kind);
        }
        catch (Exception ex)
        {
            LogFailed(ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord background work ({Kind}) failed")]
    private partial void LogFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord background work ({Kind}) was cancelled at shutdown")]
    private partial void LogCancelled(string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Finishing {Count} Discord replies before stopping")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} Discord replies did not finish in time and were abandoned")]
    private partial void LogAbandoned(int count);
}
