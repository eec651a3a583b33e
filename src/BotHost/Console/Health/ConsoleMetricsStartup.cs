namespace BotHost.Console.Health;

/// <summary>
/// Resolves <see cref="ConsoleMetrics"/> when the host starts, so its listener counts every message since the start
/// (as the health page says) and not only those after the first view of the page.
/// </summary>
internal sealed class ConsoleMetricsStartup(ConsoleMetrics metrics) : IHostedService
{
    public ConsoleMetrics Metrics => metrics;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
