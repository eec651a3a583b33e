using BotHost.Serve;

namespace BotHost.Console.Quality;

/// <summary>
/// Measures each new knowledge version within <see cref="Interval"/> of it being swapped in, so the quality history has
/// every version served even when nobody opened the quality page meanwhile. The first check waits one interval, so
/// start-up is not slowed; a version already measured costs nothing.
/// </summary>
internal sealed partial class QualityMonitor(KnowledgeHost knowledge, QualityService quality, TimeProvider time, ILogger<QualityMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await MeasureAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>A boundary: a failing measurement is logged and tried again at the next tick, never fatal.</summary>
    private async Task MeasureAsync()
    {
        try
        {
            var report = await quality.CurrentAsync();
            if (report.Version == knowledge.Current.Version) LogMeasured(report.Version, report.Took.TotalSeconds);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Data.Common.DbException or UnauthorizedAccessException)
        {
            LogFailed(ex, knowledge.Current.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, EventId = 61, Message = "Eval sets of knowledge version {Version} measured in {Seconds:0.0} s")]
    private partial void LogMeasured(string version, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 62, Message = "Measuring the eval sets of knowledge version {Version} failed; trying again in a minute")]
    private partial void LogFailed(Exception exception, string version);
}
