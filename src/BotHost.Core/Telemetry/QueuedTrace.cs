using System.Diagnostics;

namespace BotHost.Core.Telemetry;

/// <summary>
/// Carries a message's trace across a queue: <see cref="Capture"/> when the work is queued (the message span, if any,
/// is then ended by the worker, after the reply was sent), <see cref="Resume"/> in the worker. With tracing off it
/// carries the request's activity, so log lines written while answering still have the request's trace id.
/// </summary>
public readonly struct QueuedTrace
{
    private readonly Activity? _activity;

    private QueuedTrace(Activity? activity) => _activity = activity;

    /// <summary>The current activity; a message span among it is handed over to whoever resumes this.</summary>
    public static QueuedTrace Capture()
    {
        var current = Activity.Current;
        if (BotTracing.IsMessage(current)) current!.SetCustomProperty(MessageSpan.HandedOverProperty, true);
        return new QueuedTrace(current);
    }

    /// <summary>The work was not queued after all: the ingress ends the message span as usual.</summary>
    public void Cancel()
    {
        if (BotTracing.IsMessage(_activity)) _activity!.SetCustomProperty(MessageSpan.HandedOverProperty, null);
    }

    /// <summary>Makes the captured activity current until the returned scope is disposed, which also ends a message span.</summary>
    public ResumedTrace Resume() => new(_activity);

    /// <summary>The scope of <see cref="Resume"/>.</summary>
    public readonly struct ResumedTrace : IDisposable
    {
        private readonly Activity? _activity;
        private readonly Activity? _previous;

        internal ResumedTrace(Activity? activity)
        {
            _activity = activity;
            _previous = Activity.Current;
            if (activity is not null) Activity.Current = activity;
        }

        public void Dispose()
        {
            if (BotTracing.IsMessage(_activity)) _activity!.Dispose();
            Activity.Current = _previous;
        }
    }
}
