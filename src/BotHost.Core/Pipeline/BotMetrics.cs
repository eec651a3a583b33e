using System.Diagnostics;
using System.Diagnostics.Metrics;
using BotHost.Core.Messages;
using BotHost.Core.Telemetry;

namespace BotHost.Core.Pipeline;

/// <summary>
/// The bot's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>), exported at <c>/metrics</c> and
/// by OTLP through OpenTelemetry. Created through the host's <see cref="IMeterFactory"/>, so each host's figures are
/// its own. Tags are the platform, the reply kind, the stage and such: nothing about what was asked or who asked.
/// </summary>
public sealed class BotMetrics : IDisposable
{
    public const string MeterName = "BotHost";

    /// <summary>Kinds of <see cref="RateLimited"/>.</summary>
    public const string MemberLimit = "member";

    public const string PlatformApiLimit = "platform_api";

    /// <summary>Outcomes of <see cref="Alert"/>.</summary>
    public const string AlertSent = "sent";

    public const string AlertMerged = "merged";

    public const string AlertFloodLimited = "flood_limited";

    public const string AlertFailed = "failed";

    /// <summary>Reasons of <see cref="ReplyShed"/>: the reply queue was full, or the host was shutting down.</summary>
    public const string ShedFull = "full";

    public const string ShedStopping = "stopping";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _replies;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _stages;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _analyticsFailures;
    private readonly Counter<long> _stateFailures;
    private readonly Counter<long> _repliesShed;

    public BotMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _messages = _meter.CreateCounter<long>("bothost_questions", description: "Messages received by the pipeline");
        _replies = _meter.CreateCounter<long>("bothost_replies", description: "Replies sent, by kind (answer, declined, urgent, refusal, ...)");
        _latency = _meter.CreateHistogram<double>("bothost_reply_latency", unit: "s", description: "Time from message to reply, in the pipeline");
        _stages = _meter.CreateHistogram<double>("bothost_stage_duration", unit: "s",
            description: "Time spent in each stage of answering (signature, safety, retrieval, render, platform_call, ...)");
        _inFlight = _meter.CreateUpDownCounter<long>("bothost_messages_in_flight", description: "Messages in the pipeline now");
        _rateLimited = _meter.CreateCounter<long>("bothost_rate_limited",
            description: "Rate limits hit: member (a member asked too often) or platform_api (the platform answered 429)");
        _alerts = _meter.CreateCounter<long>("bothost_alerts", description: "Moderator alerts, by outcome (sent, merged, flood_limited, failed)");
        _analyticsFailures = _meter.CreateCounter<long>("bothost_analytics_failures",
            description: "Analytics writes that failed (the member's reply is unaffected)");
        _stateFailures = _meter.CreateCounter<long>("bothost_state_failures",
            description: "Calls to a shared store (redis, postgresql) that failed and fell back to this replica's memory");
        _repliesShed = _meter.CreateCounter<long>("bothost_replies_shed",
            description: "Work the reply queue refused (full or stopping): Slack was told busy or left to redeliver, a Discord dispatch or edit was dropped");
    }

    public Meter Meter => _meter;

    /// <summary>A message entered the pipeline; pair with <see cref="Replied"/> and <see cref="Left"/>.</summary>
    public void Received(string platform)
    {
        var tag = new KeyValuePair<string, object?>("platform", platform);
        _messages.Add(1, tag);
        _inFlight.Add(1, tag);
    }

    public void Replied(string platform, ReplyKind kind, TimeSpan elapsed)
    {
        var tags = new TagList { { "platform", platform }, { "kind", KindTag(kind) } };
        _replies.Add(1, tags);
        _latency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
    }

    /// <summary>A message left the pipeline, replied to or not.</summary>
    public void Left(string platform) => _inFlight.Add(-1, new KeyValuePair<string, object?>("platform", platform));

    /// <summary>Starts a stage: a child span and, when disposed, a sample of the stage histogram.</summary>
    public StageScope Stage(string stage, string? detail = null) => new(this, stage, detail);

    public void RecordStage(string stage, TimeSpan elapsed) =>
        _stages.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void RateLimited(string platform, string limit) =>
        _rateLimited.Add(1, new TagList { { "platform", platform }, { "limit", limit } });

    public void Alert(string platform, string outcome) => _alerts.Add(1, new TagList { { "platform", platform }, { "outcome", outcome } });

    /// <summary>An analytics write failed (<paramref name="operation"/>: reply, feedback, cleanup, ...).</summary>
    public void AnalyticsFailed(string operation) => _analyticsFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>A shared store (<paramref name="store"/>: redis, postgresql) failed an <paramref name="operation"/> and the replica fell back.</summary>
    public void StateFailed(string store, string operation) =>
        _stateFailures.Add(1, new TagList { { "store", store }, { "operation", operation } });

    /// <summary>The reply queue refused work for <paramref name="platform"/> (<paramref name="reason"/>: <see cref="ShedFull"/> or <see cref="ShedStopping"/>).</summary>
    public void ReplyShed(string platform, string reason) =>
        _repliesShed.Add(1, new TagList { { "platform", platform }, { "reason", reason } });

    public void Dispose() => _meter.Dispose();

    internal static string KindTag(ReplyKind kind) => kind switch
    {
        ReplyKind.Answer => "answer",
        ReplyKind.Declined => "declined",
        ReplyKind.Hotlines => "hotlines",
        ReplyKind.About => "about",
        ReplyKind.Help => "help",
        ReplyKind.Urgent => "urgent",
        ReplyKind.Refusal => "refusal",
        ReplyKind.Distress => "distress",
        ReplyKind.RateLimited => "ratelimited",
        ReplyKind.Error => "error",
        ReplyKind.Ignored => "ignored",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
