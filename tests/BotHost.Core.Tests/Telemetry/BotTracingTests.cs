using System.Collections.Concurrent;
using System.Diagnostics;
using BotHost.Core.Telemetry;

namespace BotHost.Core.Tests.Telemetry;

/// <summary>
/// The message span and its stages as an ActivityListener sees them. Each test runs under its own root activity and
/// reads only the spans of that trace, since other tests in the process produce spans from the same source.
/// </summary>
public sealed class BotTracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root = new("test-root");
    private readonly PipelineFixture _fixture = new();

    public BotTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _root.SetIdFormat(ActivityIdFormat.W3C);
        _root.Start();
    }

    private List<Activity> Ended => [.. _ended.Where(a => a.TraceId == _root.TraceId)];

    [Fact]
    public async Task HandleAsync_NoMessageSpan_StartsOneWithEachHandlerAsAChildStage()
    {
        var reply = await _fixture.SendAsync("what is sextortion");

        var message = Assert.Single(Ended, a => a.OperationName == BotTracing.MessageSpanName);
        Assert.Equal(_root.SpanId, message.ParentSpanId);
        Assert.Equal("pipeline", message.GetTagItem(BotTracing.IngressAttribute));
        Assert.Equal("answer", message.GetTagItem(BotTracing.ReplyKindAttribute));
        Assert.Equal(Core.Messages.ReplyKind.Answer, reply.Kind);
        Assert.Equal(["bothost.commands", "bothost.retrieval"], Ended.Where(a => a.ParentSpanId == message.SpanId).Select(a => a.OperationName));
    }

    [Fact]
    public async Task HandleAsync_InsideAnAdaptersMessageSpan_AddsStagesToItInsteadOfANewSpan()
    {
        using (BotTracing.StartMessage("discord", "gateway"))
        {
            await _fixture.SendAsync("what is sextortion");
        }

        var message = Assert.Single(Ended, a => a.OperationName == BotTracing.MessageSpanName);
        Assert.Equal("gateway", message.GetTagItem(BotTracing.IngressAttribute));
        Assert.Contains(Ended, a => a.OperationName == "bothost.retrieval" && a.ParentSpanId == message.SpanId);
    }

    [Fact]
    public async Task Capture_WorkQueued_TheMessageSpanEndsWhenTheWorkerFinishesNotWhenTheIngressReturns()
    {
        QueuedTrace queued;
        using (BotTracing.StartMessage("slack", "events_api"))
        {
            queued = QueuedTrace.Capture();
        }

        var endedAtIngress = Ended.Any(a => a.OperationName == BotTracing.MessageSpanName);
        Assert.Equal(_root, Activity.Current);
        await Task.Run(async () =>
        {
            using var resumed = queued.Resume();
            await _fixture.SendAsync("what is sextortion");
        });

        Assert.False(endedAtIngress);
        var message = Assert.Single(Ended, a => a.OperationName == BotTracing.MessageSpanName);
        Assert.Contains(Ended, a => a.OperationName == "bothost.retrieval" && a.ParentSpanId == message.SpanId);
    }

    [Fact]
    public void Cancel_QueueRefusedTheWork_TheIngressEndsTheSpan()
    {
        using (BotTracing.StartMessage("slack", "events_api"))
        {
            QueuedTrace.Capture().Cancel();
        }

        Assert.Single(Ended, a => a.OperationName == BotTracing.MessageSpanName);
    }

    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
        _fixture.Dispose();
    }
}
