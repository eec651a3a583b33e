using OpenTelemetry.Trace;

namespace BotHost.Serve;

/// <summary>Where and what <c>serve</c> runs.</summary>
/// <param name="CommunitiesFile">communities.yaml from <c>--communities</c>; null falls back to the <c>Communities:File</c> setting.</param>
public sealed record ServeSettings(string Urls, string KnowledgePath, string? ConfigFile, string? CommunitiesFile = null)
{
    /// <summary>
    /// A trace exporter added beside OTLP (tests collect spans in memory with it); tracing is on when this is set or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
    /// </summary>
    public Action<TracerProviderBuilder>? TraceExporter { get; init; }
}
