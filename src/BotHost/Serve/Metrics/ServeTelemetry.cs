using System.Diagnostics.Metrics;
using System.Reflection;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BotHost.Serve.Metrics;

/// <summary>
/// OpenTelemetry for <c>serve</c>. Metrics: the bot's meters (<see cref="BotMetrics"/>, <see cref="HostMetrics"/>) and
/// nothing else, scraped at <c>/metrics</c> in the Prometheus text format by OpenTelemetry's Prometheus exporter, and
/// pushed by OTLP when configured. Traces: the bot's spans (<see cref="BotTracing"/>) with ASP.NET Core and HttpClient
/// instrumentation, exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and off otherwise; the standard
/// <c>OTEL_*</c> variables (service name, resource attributes, protocol, headers, sampler) apply. Logs carry the trace
/// and span ids as a scope, which the JSON console format (<c>Logging__Console__FormatterName=json</c>) writes out.
/// </summary>
internal static partial class ServeTelemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "bothost";

    /// <summary>The name under which OpenTelemetry's listener registers with Microsoft.Extensions.Diagnostics.Metrics.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// Latency buckets in seconds, from half a millisecond (an answer from the index) to a minute (a platform call that
    /// waited out a 429). OpenTelemetry's default buckets are meant for milliseconds (0, 5, 10, 25, ... 10000) and would
    /// put every answer in the first one.
    /// </summary>
    public static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly string[] OperatorPaths = ["/healthz", "/readyz", "/metrics"];

    public static void AddServeTelemetry(this WebApplicationBuilder builder, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var (services, configuration) = (builder.Services, builder.Configuration);

        // Only the meters this host created (MeterScope.Local: through its IMeterFactory): another host in the same
        // process, or a library's meter of the same name, never shows up here.
        services.AddMetrics(metrics =>
        {
            metrics.EnableMetrics(BotMetrics.MeterName, null, OpenTelemetryListener, MeterScope.Local);
            metrics.EnableMetrics(HostMetrics.MeterName, null, OpenTelemetryListener, MeterScope.Local);
        });
        services.AddSingleton<HostMetrics>();

        var otlp = OtlpConfigured(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: Version).AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics
                .AddView(SecondsHistograms)
                .AddPrometheusExporter(prometheus =>
                {
                    // Every scrape is collected fresh (the default caches a response for 300 ms); scrapes are rare.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;

                    // The metric names carry the bothost_ prefix already; an otel_scope_name label on every series adds nothing.
                    prometheus.ScopeInfoEnabled = false;
                }));
        if (otlp || settings.TraceExporter is not null)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(BotTracing.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !OperatorPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal))
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", OutgoingUrl.Redact(request.RequestUri)));
                settings.TraceExporter?.Invoke(tracing);
            });
        }

        if (otlp) telemetry.UseOtlpExporter();
        AddTraceIdsToLogs(builder);
    }

    /// <summary>Starts the host's instruments now, so the first scrape has every series.</summary>
    public static void Start(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<HostMetrics>();
        app.Services.GetRequiredService<BotMetrics>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BotHost.Serve");
        if (!OtlpConfigured(app.Configuration))
        {
            LogOtlpOff(logger);
            return;
        }

        // Only where to: the address may carry credentials.
        var endpoint = app.Configuration[OtlpEndpointSetting]!;
        LogOtlpOn(logger, Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "(not a URL)");
    }

    public static bool OtlpConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

    private static MetricStreamConfiguration? SecondsHistograms(Instrument instrument) =>
        instrument.Meter.Name == BotMetrics.MeterName && instrument.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets } : null;

    /// <summary>
    /// Trace and span ids on every log line written inside a span (as a logging scope), and scopes included in the
    /// JSON console format unless <c>Logging__Console__FormatterOptions__IncludeScopes</c> says otherwise.
    /// </summary>
    private static void AddTraceIdsToLogs(WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        }
    }

    private static string Version =>
        typeof(ServeTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    [LoggerMessage(Level = LogLevel.Information, EventId = 20, Message = "OpenTelemetry: traces, metrics and logs exported by OTLP to {Endpoint}; /metrics serves Prometheus text")]
    private static partial void LogOtlpOn(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, EventId = 21, Message = "OpenTelemetry: /metrics serves Prometheus text; traces are off (set OTEL_EXPORTER_OTLP_ENDPOINT to export them)")]
    private static partial void LogOtlpOff(ILogger logger);
}
