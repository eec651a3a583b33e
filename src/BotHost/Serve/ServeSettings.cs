using BotHost.Knowledge.Semantics;
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

    /// <summary>
    /// Told how far the first load has embedded (or found in the vector cache) the knowledge texts: the first start of a
    /// large knowledge base embeds for minutes, before logging exists. Reloads do not report.
    /// </summary>
    public Action<EmbeddingProgress>? LoadProgress { get; init; }
}
