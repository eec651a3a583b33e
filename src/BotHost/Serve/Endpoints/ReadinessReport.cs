using System.Text;
using BotHost.Core.Adapters;

namespace BotHost.Serve.Endpoints;

/// <summary>
/// <c>/readyz</c>: 200 when the knowledge base is loaded and every enabled adapter is connected, 503 otherwise; one line
/// for the knowledge version, one per enabled adapter, and a <c>warning:</c> line when the last reload was rejected.
/// </summary>
internal static class ReadinessReport
{
    public static IResult Write(KnowledgeHost knowledge, IEnumerable<IChatAdapter> adapters)
    {
        var text = new StringBuilder($"knowledge: version {knowledge.Current.Version}\n");
        var ready = true;
        foreach (var adapter in adapters.Where(a => a.Status.State != AdapterState.Disabled))
        {
            var status = adapter.Status;
            ready &= status.IsReady;
            text.Append(adapter.Platform).Append(": ").Append(status.State.ToString().ToLowerInvariant());
            if (status.Detail is { } detail) text.Append(" (").Append(detail).Append(')');
            text.Append('\n');
        }

        if (knowledge.LastErrors.Count > 0)
        {
            text.Append("warning: the last knowledge reload was rejected, still serving the version above: ").Append(knowledge.LastErrors[0]).Append('\n');
        }

        return Results.Text(text.ToString(), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
