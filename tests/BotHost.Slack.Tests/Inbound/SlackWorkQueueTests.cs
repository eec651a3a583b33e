using BotHost.Slack.Inbound;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.Inbound;

public sealed class SlackWorkQueueTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public async Task StopAsync_QueuedWork_AnsweredBeforeStoppingAndNewWorkRefused()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        var gate = new TaskCompletionSource();
        var done = 0;
        queue.TryEnqueue("first", async _ =>
        {
            await gate.Task;
            Interlocked.Increment(ref done);
        });
        for (var i = 0; i < 3; i++) queue.TryEnqueue("more", _ => Task.FromResult(Interlocked.Increment(ref done)));

        var stopping = queue.StopAsync(CancellationToken.None);
        var refused = !queue.TryEnqueue("late", _ => Task.CompletedTask);
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(refused);
        Assert.Equal(4, done);
    }

    [Fact]
    public async Task StopAsync_DrainTimeRunsOut_RemainingWorkCancelled()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        queue.TryEnqueue("stuck", ct => Task.Delay(Timeout.Infinite, ct));

        var stopping = queue.StopAsync(CancellationToken.None);
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(20));
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Single(_logs.Containing("drain time ran out", LogLevel.Warning));
        Assert.Single(_logs.Containing("stuck was abandoned", LogLevel.Warning));
    }

    [Fact]
    public void TryEnqueue_QueueFull_False()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1, capacity: 2);

        var accepted = Enumerable.Range(0, 3).Select(_ => queue.TryEnqueue("event", _ => Task.CompletedTask)).ToList();

        Assert.Equal([true, true, false], accepted);
        Assert.Single(_logs.Containing("queue is full", LogLevel.Warning));
    }

    [Fact]
    public async Task Worker_OneItemThrows_LoggedAndTheNextStillRuns()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        var next = new TaskCompletionSource();

        queue.TryEnqueue("broken", _ => throw new InvalidOperationException("bug"));
        queue.TryEnqueue("fine", _ =>
        {
            next.SetResult();
            return Task.CompletedTask;
        });
        await next.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await queue.StopAsync(CancellationToken.None);

        Assert.Single(_logs.Containing("Handling a Slack broken failed", LogLevel.Error));
    }

    public void Dispose() => _logs.Dispose();

    private SlackWorkQueue Create(TimeProvider time, int workers, int capacity = 100) =>
        new(TestOptions.Wrap(TestOptions.Create(change: o =>
        {
            o.Workers = workers;
            o.QueueCapacity = capacity;
        })), time, _logs.CreateLogger<SlackWorkQueue>());
}
