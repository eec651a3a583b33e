using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace BotHost.Serve.Metrics;

/// <summary>
/// Collects the bot's instruments (System.Diagnostics.Metrics) and writes them in the Prometheus text exposition
/// format: counters as <c>NAME_total</c>, histograms as <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>, gauges as
/// they are, each with HELP and TYPE lines and escaped label values.
/// </summary>
public sealed class PrometheusText : IDisposable
{
    /// <summary>Latency buckets in seconds.</summary>
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Histogram> _histograms = new();
    private readonly ConcurrentDictionary<string, (string Help, string Type)> _meta = new(StringComparer.Ordinal);
    private readonly Lock _observeGate = new();
    private readonly Dictionary<(string Name, string Labels), double> _gauges = [];

    public PrometheusText(IEnumerable<string> meterNames)
        : this(NamedMeters(meterNames))
    {
    }

    /// <summary>Collects the instruments of the meters <paramref name="include"/> accepts (this host's own meter objects, so two hosts in one process never mix).</summary>
    public PrometheusText(Func<Meter, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (include(instrument.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Write()
    {
        lock (_observeGate)
        {
            _gauges.Clear();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Header(text, group.Key + "_total", group.Key, "counter");
                foreach (var c in group.OrderBy(c => c.Key.Labels, StringComparer.Ordinal)) Line(text, group.Key + "_total", c.Key.Labels, c.Value);
            }

            foreach (var group in _gauges.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Header(text, group.Key, group.Key, "gauge");
                foreach (var g in group.OrderBy(g => g.Key.Labels, StringComparer.Ordinal)) Line(text, group.Key, g.Key.Labels, g.Value);
            }

            foreach (var group in _histograms.GroupBy(h => h.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Header(text, group.Key, group.Key, "histogram");
                foreach (var (key, histogram) in group.OrderBy(h => h.Key.Labels, StringComparer.Ordinal))
                {
                    lock (histogram)
                    {
                        for (var i = 0; i < Buckets.Length; i++)
                        {
                            Line(text, group.Key + "_bucket", Join(key.Labels, $"le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\""), histogram.Counts[i]);
                        }

                        Line(text, group.Key + "_bucket", Join(key.Labels, "le=\"+Inf\""), histogram.Count);
                        Line(text, group.Key + "_sum", key.Labels, histogram.Sum);
                        Line(text, group.Key + "_count", key.Labels, histogram.Count);
                    }
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = Name(instrument);
        var labels = Labels(tags);
        _meta.TryAdd(name, (instrument.Description ?? name, instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> => "counter",
            Histogram<double> or Histogram<long> => "histogram",
            _ => "gauge",
        }));
        switch (instrument)
        {
            case Counter<long> or Counter<int> or Counter<double>:
                _counters.AddOrUpdate((name, labels), value, (_, old) => old + value);
                break;
            case Histogram<double> or Histogram<long>:
                var histogram = _histograms.GetOrAdd((name, labels), _ => new Histogram());
                lock (histogram)
                {
                    for (var i = 0; i < Buckets.Length; i++)
                    {
                        if (value <= Buckets[i]) histogram.Counts[i]++;
                    }

                    histogram.Count++;
                    histogram.Sum += value;
                }

                break;
            default:
                _gauges[(name, labels)] = value;
                break;
        }
    }

    private void Header(StringBuilder text, string metric, string name, string type)
    {
        var help = _meta.TryGetValue(name, out var meta) ? meta.Help : name;
        text.Append("# HELP ").Append(metric).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(metric).Append(' ').Append(type).Append('\n');
    }

    private static void Line(StringBuilder text, string metric, string labels, double value)
    {
        text.Append(metric);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) => double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static Func<Meter, bool> NamedMeters(IEnumerable<string> meterNames)
    {
        var names = meterNames.ToHashSet(StringComparer.Ordinal);
        return meter => names.Contains(meter.Name);
    }

    /// <summary>Metric names allow [a-zA-Z0-9_:]; the unit "s" becomes the conventional _seconds suffix.</summary>
    private static string Name(Instrument instrument)
    {
        var name = new string([.. instrument.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_')]);
        return instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal) ? name + "_seconds" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return string.Empty;
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var label = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_')]);
            var escaped = (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)
                .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            pairs.Add($"{label}=\"{escaped}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private sealed class Histogram
    {
        public long[] Counts { get; } = new long[Buckets.Length];

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
