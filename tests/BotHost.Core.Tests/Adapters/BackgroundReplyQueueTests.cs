using System.Diagnostics;
using BotHost.Core.Adapters;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Adapters;

public sealed class BackgroundReplyQueueTests : IDisposable
{
    private const string Platform = "test";

    private readonly RecordingLoggerProvider _logs = new();
    private readonly BotMetrics _metrics = new();

    [Fact]
    public async Task StopAsync_QueuedWork_AnsweredBeforeStoppingAndNewWorkRefused()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        var gate = new TaskCompletionSource();
        var done = 0;
        queue.TryEnqueue(Platform, "first", async _ =>
        {
            await gate.Task;
            Interlocked.Increment(ref done);
        });
        for (var i = 0; i < 3; i++) queue.TryEnqueue(Platform, "more", _ => Task.FromResult(Interlocked.Increment(ref done)));

        var stopping = queue.StopAsync(CancellationToken.None);
        var refused = !queue.TryEnqueue(Platform, "late", _ => Task.CompletedTask);
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
        queue.TryEnqueue(Platform, "stuck", ct => Task.Delay(Timeout.Infinite, ct));

        var stopping = queue.StopAsync(CancellationToken.None);
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(20));
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Single(_logs.Containing("drain time ran out", LogLevel.Warning));
        Assert.Single(_logs.Containing("stuck was abandoned", LogLevel.Warning));
    }

    [Fact]
    public void TryEnqueue_QueueFull_FalseLoggedAndCountedAsShedBecauseFull()
    {
        using var shed = new MetricCollector<long>(_metrics.Meter, "bothost_replies_shed");
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1, capacity: 2);

        var accepted = Enumerable.Range(0, 3).Select(_ => queue.TryEnqueue(Platform, "event", _ => Task.CompletedTask)).ToList();

        Assert.Equal([true, true, false], accepted);
        Assert.Single(_logs.Containing("queue is full", LogLevel.Warning));
        var measurement = Assert.Single(shed.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal(Platform, measurement.Tags["platform"]);
        Assert.Equal(BotMetrics.ShedFull, measurement.Tags["reason"]);
    }

    [Fact]
    public async Task TryEnqueue_100000RepliesWhileTheWorkerIsBusy_PendingNeverAboveTheCapacityAndTheRestShed()
    {
        const int Replies = 100_000;
        const int Capacity = 500;
        using var shed = new MetricCollector<long>(_metrics.Meter, "bothost_replies_shed");
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1, capacity: Capacity);
        await queue.StartAsync(CancellationToken.None);
        var busy = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        queue.TryEnqueue(Platform, "busy", async _ =>
        {
            busy.SetResult();
            await gate.Task;
        });
        await busy.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var done = 0;
        var accepted = 0;
        var most = 0;

        for (var i = 0; i < Replies; i++)
        {
            // A flood of distinct platform events, each its own reply work.
            if (queue.TryEnqueue(Platform, "event", _ => Task.FromResult(Interlocked.Increment(ref done)))) accepted++;
            most = Math.Max(most, queue.Pending);
        }

        gate.SetResult();
        await queue.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Capacity, most);
        Assert.Equal(Capacity, accepted);
        Assert.Equal(Capacity, done);
        Assert.Equal(Replies - Capacity, shed.GetMeasurementSnapshot().Where(m => Equals(m.Tags["reason"], BotMetrics.ShedFull)).Sum(m => m.Value));
    }

    [Fact]
    public async Task TryEnqueue_AfterStopping_FalseAndCountedAsShedBecauseStopping()
    {
        using var shed = new MetricCollector<long>(_metrics.Meter, "bothost_replies_shed");
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        await queue.StopAsync(CancellationToken.None);

        var accepted = queue.TryEnqueue("discord", "late edit", _ => Task.CompletedTask);

        Assert.False(accepted);
        var measurement = Assert.Single(shed.GetMeasurementSnapshot());
        Assert.Equal("discord", measurement.Tags["platform"]);
        Assert.Equal(BotMetrics.ShedStopping, measurement.Tags["reason"]);
    }

    [Fact]
    public async Task TryEnqueue_Accepted_NothingCountedAsShed()
    {
        using var shed = new MetricCollector<long>(_metrics.Meter, "bothost_replies_shed");
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);

        var accepted = queue.TryEnqueue(Platform, "event", _ => Task.CompletedTask);
        await queue.StopAsync(CancellationToken.None);

        Assert.True(accepted);
        Assert.Empty(shed.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Worker_OneItemThrows_LoggedAndTheNextStillRuns()
    {
        using var time = new ObservedTimeProvider();
        using var queue = Create(time, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        var next = new TaskCompletionSource();

        queue.TryEnqueue(Platform, "broken", _ => throw new InvalidOperationException("bug"));
        queue.TryEnqueue(Platform, "fine", _ =>
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
        queue.TryEnqueue(Platform, "first", _ => Task.CompletedTask);
        using var listener = ListenToTheBot();
        var span = BotTracing.StartMessage("test", "ingress");
        var trace = QueuedTrace.Capture();
        span.Dispose();
        var handedOver = !span.Activity!.IsStopped;

        var accepted = queue.TryEnqueue(Platform, "second", _ => Task.CompletedTask, trace);

        Assert.True(handedOver);
        Assert.False(accepted);
        Assert.True(span.Activity.IsStopped);
        await queue.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _logs.Dispose();
    }

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
        new(Options.Create(new ReplyQueueOptions { Workers = workers, Capacity = capacity }), time, _logs.CreateLogger<BackgroundReplyQueue>(), _metrics);
}
