using System.Diagnostics;
using BotHost.Core.Adapters;
using BotHost.Core.Telemetry;
using BotHost.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Adapters;

public sealed class BackgroundReplyQueueTests : IDisposable
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

        Assert.Single(_logs.Containing("Handling a broken failed", LogLevel.Error));
    }

    [Fact]
    public async Task TryEnqueue_TraceHandedInAndRefused_TheMessageSpanEnds()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1, capacity: 1);
        queue.TryEnqueue("first", _ => Task.CompletedTask);
        using var listener = ListenToTheBot();
        var span = BotTracing.StartMessage("test", "ingress");
        var trace = QueuedTrace.Capture();
        span.Dispose();
        var handedOver = !span.Activity!.IsStopped;

        var accepted = queue.TryEnqueue("second", _ => Task.CompletedTask, trace);

        Assert.True(handedOver);
        Assert.False(accepted);
        Assert.True(span.Activity.IsStopped);
        await queue.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _logs.Dispose();

    private static ActivityListener ListenToTheBot()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private BackgroundReplyQueue Create(TimeProvider time, int workers, int capacity = 100) =>
        new(Options.Create(new ReplyQueueOptions { Workers = workers, Capacity = capacity }), time, _logs.CreateLogger<BackgroundReplyQueue>());
}
