using BotHost.Core.Adapters;
using BotHost.Core.State;

namespace BotHost.Serve.Endpoints;

/// <summary>
/// The endpoints operators expect: <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> (OpenTelemetry's Prometheus
/// exporter: the text format, or OpenMetrics when the scraper asks for it) for everyone, and (with
/// <c>Admin__Token</c>) <c>POST /admin/reload</c> and <c>POST /ask</c> behind <see cref="AdminTokenFilter"/>.
/// </summary>
internal static class OperatorEndpoints
{
    public static void MapOperatorEndpoints(this IEndpointRouteBuilder app, KnowledgeHost knowledge, string? adminToken)
    {
        var admin = new AdminTokenFilter(adminToken);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (IEnumerable<IChatAdapter> adapters, IEnumerable<IStateHealth> stores) => ReadinessReport.Write(knowledge, adapters, stores));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPost("/admin/reload", () => ReloadAsync(knowledge)).AddEndpointFilter(admin);
        app.MapPost("/ask", AskEndpoint.HandleAsync).AddEndpointFilter(admin);
    }

    /// <summary>Reloads off the request thread; a version with errors is refused (422) and the last good one keeps serving.</summary>
    private static async Task<IResult> ReloadAsync(KnowledgeHost knowledge)
    {
        var errors = await Task.Run(knowledge.Reload);
        return errors.Count == 0
            ? Results.Text($"reloaded: version {knowledge.Current.Version}\n")
            : Results.Text($"kept version {knowledge.Current.Version}; the new one has errors:\n{string.Join('\n', errors)}\n", statusCode: 422);
    }
}
