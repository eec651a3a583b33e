using BotHost.Core.Analytics;

namespace BotHost.Serve;

/// <summary>
/// Runs the gap analytics' retention cleanup while <c>serve</c> runs: once at start, then hourly
/// (<see cref="GapAnalyticsStore.CleanupInterval"/>), so opted-in question text is deleted on time even when nothing
/// else touches the database; stopped on shutdown.
/// </summary>
internal sealed class AnalyticsCleanupService(GapAnalyticsStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.StartCleanup();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.StopCleanup();
        return Task.CompletedTask;
    }
}
