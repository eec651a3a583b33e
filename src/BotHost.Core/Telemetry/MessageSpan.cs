using System.Diagnostics;

namespace BotHost.Core.Telemetry;

/// <summary>
/// The span of one member message, ended on <see cref="Dispose"/> unless a queue took it over (<see cref="QueuedTrace"/>),
/// in which case the queue ends it once the reply has been sent.
/// </summary>
public readonly struct MessageSpan(Activity? activity) : IDisposable
{
    internal const string HandedOverProperty = "bothost.handed-over";

    public Activity? Activity => activity;

    public void Dispose()
    {
        if (activity is null) return;
        if (activity.GetCustomProperty(HandedOverProperty) is null)
        {
            activity.Dispose();
            return;
        }

        // Taken over by a queue: leave it running, but this flow is no longer inside it.
        if (Activity.Current == activity) Activity.Current = activity.Parent;
    }
}
