using System.Diagnostics;
using BotHost.Core.Pipeline;

namespace BotHost.Core.Telemetry;

/// <summary>
/// One stage of a message (<see cref="PipelineStages"/>): a child span, and on <see cref="Dispose"/> its duration in
/// the stage histogram. Started with <see cref="BotMetrics.Stage"/>.
/// </summary>
public readonly struct StageScope : IDisposable
{
    private readonly BotMetrics? _metrics;
    private readonly string _stage;
    private readonly long _started;

    internal StageScope(BotMetrics metrics, string stage, string? detail)
    {
        _metrics = metrics;
        _stage = stage;
        _started = Stopwatch.GetTimestamp();
        Activity = BotTracing.Source.StartActivity("bothost." + stage, ActivityKind.Internal);
        if (detail is not null) Activity?.SetTag(BotTracing.StageDetailAttribute, detail);
    }

    /// <summary>The stage's span, or null when tracing is off.</summary>
    public Activity? Activity { get; }

    /// <summary>Marks the stage failed: the span's status and <c>error.type</c> (a code such as <c>http_403</c>, never a message).</summary>
    public void Failed(string errorType) => Activity?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", errorType);

    public void Dispose()
    {
        if (_metrics is null) return;
        _metrics.RecordStage(_stage, Stopwatch.GetElapsedTime(_started));
        Activity?.Dispose();
    }
}
