using System.Diagnostics.Metrics;
using BotHost.Core.Adapters;
using BotHost.Core.Pipeline;

namespace BotHost.Serve.Metrics;

/// <summary>
/// The host's own gauges (the knowledge version, articles and reloads; each adapter's connection and reconnects) and
/// the <see cref="PrometheusText"/> that <c>/metrics</c> writes. Both are created by the container, so disposing the
/// app disposes them even when it never started; <c>/metrics</c> collects only this app's own meter objects, so two
/// hosts in one process (tests) never mix their figures.
/// </summary>
internal static class HostMetrics
{
    public const string MeterName = "BotHost.Host";

    public static IServiceCollection AddHostMetrics(this IServiceCollection services, KnowledgeHost knowledge)
    {
        services.AddSingleton(provider =>
        {
            var botMeter = provider.GetRequiredService<BotMetrics>().Meter;
            var hostMeter = provider.GetRequiredKeyedService<Meter>(MeterName);
            return new PrometheusText(meter => ReferenceEquals(meter, botMeter) || ReferenceEquals(meter, hostMeter));
        });
        services.AddKeyedSingleton(MeterName, (provider, _) =>
        {
            var hostMeter = new Meter(MeterName);
            RegisterGauges(hostMeter, knowledge, provider.GetServices<IChatAdapter>().ToList());
            return hostMeter;
        });
        return services;
    }

    /// <summary>Starts collecting now, so counts from the first request on are in the first scrape.</summary>
    public static void Start(IServiceProvider services) => services.GetRequiredService<PrometheusText>();

    private static void RegisterGauges(Meter meter, KnowledgeHost knowledge, IReadOnlyList<IChatAdapter> adapters)
    {
        meter.CreateObservableGauge("bothost_knowledge_info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", knowledge.Current.Version)),
            description: "The knowledge base version being served");
        meter.CreateObservableGauge("bothost_knowledge_articles", () => knowledge.Current.Articles.Count, description: "Articles in the served knowledge base");
        meter.CreateObservableGauge("bothost_knowledge_reloads", () => knowledge.Reloads, description: "Knowledge reloads swapped in since start");
        meter.CreateObservableGauge("bothost_knowledge_reload_failures", () => knowledge.FailedReloads, description: "Knowledge reloads rejected for errors since start");
        meter.CreateObservableGauge("bothost_adapter_connected",
            () => adapters.Select(a => new Measurement<int>(a.Status.IsReady ? 1 : 0, new KeyValuePair<string, object?>("platform", a.Platform))),
            description: "1 when the adapter is connected");
        meter.CreateObservableGauge("bothost_adapter_reconnects",
            () => adapters.Select(a => new Measurement<long>(a.Status.Reconnects, new KeyValuePair<string, object?>("platform", a.Platform))),
            description: "Reconnects of the adapter since start");
    }
}
