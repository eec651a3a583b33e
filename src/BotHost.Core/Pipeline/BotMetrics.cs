using System.Diagnostics;
using System.Diagnostics.Metrics;
using BotHost.Core.Messages;

namespace BotHost.Core.Pipeline;

/// <summary>
/// Counters and the latency histogram of the pipeline (System.Diagnostics.Metrics, meter "BotHost").
/// Tags are the platform and the reply kind only: nothing about what was asked.
/// </summary>
public sealed class BotMetrics : IDisposable
{
    public const string MeterName = "BotHost";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _replies;
    private readonly Histogram<double> _latency;

    public BotMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _messages = _meter.CreateCounter<long>("bothost_questions", description: "Messages received by the pipeline");
        _replies = _meter.CreateCounter<long>("bothost_replies", description: "Replies sent, by kind (answer, declined, urgent, refusal, ...)");
        _latency = _meter.CreateHistogram<double>("bothost_reply_latency", unit: "s", description: "Time from message to reply");
    }

    public Meter Meter => _meter;

    public void Received(string platform) => _messages.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void Replied(string platform, ReplyKind kind, TimeSpan elapsed)
    {
        var tags = new TagList { { "platform", platform }, { "kind", kind.ToString().ToLowerInvariant() } };
        _replies.Add(1, tags);
        _latency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
    }

    public void Dispose() => _meter.Dispose();
}
