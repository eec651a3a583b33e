using System.Diagnostics.Metrics;
using BotHost.Core.Adapters;

namespace BotHost.Serve.Metrics;

/// <summary>
/// The host's own instruments, meter <see cref="MeterName"/>: the knowledge version, articles, reloads and rejected
/// reloads, and each adapter's connection state and reconnects. All are observed at collection time (a scrape of
/// <c>/metrics</c> or an OTLP export). The meter comes from the host's <see cref="IMeterFactory"/>, so it is disposed
/// with the host and never read by another host in the same process.
/// </summary>
internal sealed class HostMetrics
{
    public const string MeterName = "BotHost.Host";

    private static readonly AdapterState[] States = Enum.GetValues<AdapterState>();

    public HostMetrics(IMeterFactory meters, KnowledgeHost knowledge, IEnumerable<IChatAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        var all = adapters.ToList();
        meter.CreateObservableGauge("bothost_knowledge_info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", knowledge.Current.Version)),
            description: "The knowledge base version being served");
        meter.CreateObservableGauge("bothost_knowledge_articles", () => knowledge.Current.Articles.Count, description: "Articles in the served knowledge base");
        meter.CreateObservableCounter("bothost_knowledge_reloads", () => knowledge.Reloads, description: "Knowledge reloads swapped in since start");
        meter.CreateObservableCounter("bothost_knowledge_reload_failures", () => knowledge.FailedReloads,
            description: "Knowledge reloads rejected for errors since start");
        meter.CreateObservableGauge("bothost_adapter_connected", () => all.Select(a => new Measurement<int>(a.Status.IsReady ? 1 : 0, Platform(a))),
            description: "1 when the adapter is connected");
        meter.CreateObservableGauge("bothost_adapter_state", () => all.SelectMany(StateSeries),
            description: "1 for the adapter's current state (disabled, connecting, connected, disconnected, failed), 0 for the others");
        meter.CreateObservableCounter("bothost_adapter_reconnects", () => all.Select(a => new Measurement<long>(a.Status.Reconnects, Platform(a))),
            description: "Reconnects of the adapter since start");
    }

    private static KeyValuePair<string, object?> Platform(IChatAdapter adapter) => new("platform", adapter.Platform);

    private static IEnumerable<Measurement<int>> StateSeries(IChatAdapter adapter)
    {
        var current = adapter.Status.State;
        return States.Select(state => new Measurement<int>(state == current ? 1 : 0,
            Platform(adapter), new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant())));
    }
}
