using System.Diagnostics;

namespace BotHost.Core.Telemetry;

/// <summary>
/// The bot's spans (System.Diagnostics.Activity, exported by OpenTelemetry when an exporter is configured): one
/// <see cref="MessageSpanName"/> per member message, from the moment it arrives to the moment its reply is sent, with a
/// child span per stage (<see cref="PipelineStages"/>). Attributes say where a message came from and what kind of reply
/// it got; never what the member wrote, never a user id. With no listener (tracing off) nothing is allocated.
/// </summary>
public static class BotTracing
{
    /// <summary>The ActivitySource name to add to a TracerProvider.</summary>
    public const string SourceName = "BotHost";

    public const string MessageSpanName = "bothost.message";

    /// <summary>The platform (discord, slack, console, admin).</summary>
    public const string PlatformAttribute = "bothost.platform";

    /// <summary>How the message arrived: interactions, gateway, events_api, socket_mode, pipeline.</summary>
    public const string IngressAttribute = "bothost.ingress";

    /// <summary>The reply's <see cref="Messages.ReplyKind"/>, lower case.</summary>
    public const string ReplyKindAttribute = "bothost.reply.kind";

    /// <summary>A stage's own detail (the handler, the platform route template): never member data.</summary>
    public const string StageDetailAttribute = "bothost.stage.detail";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one member message (a child of the current span, such as the HTTP request's). End it by
    /// disposing the returned <see cref="MessageSpan"/>; a queue that answers later takes it over with
    /// <see cref="QueuedTrace.Capture"/>.
    /// </summary>
    public static MessageSpan StartMessage(string platform, string ingress)
    {
        var activity = Source.StartActivity(MessageSpanName, ActivityKind.Internal);
        activity?.SetTag(PlatformAttribute, platform);
        activity?.SetTag(IngressAttribute, ingress);
        return new MessageSpan(activity);
    }

    /// <summary>True when <paramref name="activity"/> is one of the bot's message spans.</summary>
    public static bool IsMessage(Activity? activity) =>
        activity is not null && ReferenceEquals(activity.Source, Source) && activity.OperationName == MessageSpanName;

    /// <summary>The message span this code runs under, if any.</summary>
    public static Activity? CurrentMessage()
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (IsMessage(activity)) return activity;
        }

        return null;
    }
}
