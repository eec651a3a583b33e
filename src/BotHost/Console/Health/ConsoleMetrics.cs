using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BotHost.Core.Pipeline;

namespace BotHost.Console.Health;

/// <summary>
/// The pipeline's main figures for the health page, read through the app's own meter (a <see cref="MeterListener"/> on
/// the <see cref="BotMetrics"/> instance of this app, so another app in the same process never mixes in, and so the
/// figures stay right whichever exporter serves <c>/metrics</c>): messages per platform, replies per kind, and reply
/// latency in fixed buckets. Tags are platforms and kinds only, so the keys are bounded.
/// </summary>
public sealed class ConsoleMetrics : IDisposable
{
    /// <summary>Upper bounds of the latency buckets, in seconds.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _questions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _replies = new(StringComparer.Ordinal);
    private readonly long[] _latency = new long[LatencyBuckets.Count + 1];

    public ConsoleMetrics(BotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<double>(OnLatency);
        _listener.Start();
    }

    public IReadOnlyDictionary<string, long> QuestionsByPlatform => _questions.ToDictionary(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> RepliesByKind => _replies.ToDictionary(StringComparer.Ordinal);

    /// <summary>Replies per latency bucket; the last counts those slower than the last bound.</summary>
    public IReadOnlyList<long> LatencyCounts => [.. _latency.Select(c => Interlocked.Read(ref c))];

    /// <summary>The bucket bound under which at least <paramref name="share"/> of replies fell, or null before any reply.</summary>
    public double? LatencyPercentile(double share)
    {
        var counts = LatencyCounts;
        var total = counts.Sum();
        if (total == 0) return null;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= share * total) return i < LatencyBuckets.Count ? LatencyBuckets[i] : double.PositiveInfinity;
        }

        return double.PositiveInfinity;
    }

    public void Dispose() => _listener.Dispose();

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var target = instrument.Name switch
        {
            "bothost_questions" => _questions,
            "bothost_replies" => _replies,
            _ => null,
        };
        if (target is null) return;
        var key = Tag(tags, instrument.Name == "bothost_replies" ? "kind" : "platform");
        target.AddOrUpdate(key, value, (_, old) => old + value);
    }

    private void OnLatency(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name != "bothost_reply_latency") return;
        var bucket = 0;
        while (bucket < LatencyBuckets.Count && value > LatencyBuckets[bucket]) bucket++;
        Interlocked.Increment(ref _latency[bucket]);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name) return tag.Value?.ToString() ?? "none";
        }

        return "none";
    }
}
