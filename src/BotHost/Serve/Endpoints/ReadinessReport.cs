using System.Text;
using BotHost.Core.Adapters;
using BotHost.Core.State;

namespace BotHost.Serve.Endpoints;

/// <summary>
/// <c>/readyz</c>: 200 when the knowledge base is loaded and every enabled adapter is connected, 503 otherwise; one line
/// for the knowledge version, one per enabled adapter, one per shared store (Redis, PostgreSQL) and a <c>warning:</c>
/// line when the last reload was rejected. A degraded shared store does not make the replica unready: members are still
/// answered (from this replica's memory), and taking every replica out of the load balancer would answer no one.
/// </summary>
internal static class ReadinessReport
{
    public static IResult Write(KnowledgeHost knowledge, IEnumerable<IChatAdapter> adapters, IEnumerable<IStateHealth>? stores = null)
    {
        var (ready, lines) = Lines(knowledge, adapters, stores);
        return Results.Text(string.Concat(lines.Select(l => l + "\n")), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Whether the host is ready and why, one reason per line (the web console's health page shows the same lines).</summary>
    public static (bool Ready, IReadOnlyList<string> Lines) Lines(KnowledgeHost knowledge, IEnumerable<IChatAdapter> adapters, IEnumerable<IStateHealth>? stores = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(adapters);
        List<string> lines = [$"knowledge: version {knowledge.Current.Version}"];
        var ready = true;
        foreach (var adapter in adapters.Where(a => a.Status.State != AdapterState.Disabled))
        {
            var status = adapter.Status;
            ready &= status.IsReady;
            var line = new StringBuilder(adapter.Platform).Append(": ").Append(status.State.ToString().ToLowerInvariant());
            if (status.Detail is { } detail) line.Append(" (").Append(detail).Append(')');
            lines.Add(line.ToString());
        }

        foreach (var health in (stores ?? []).Select(s => s.Health))
        {
            lines.Add($"{health.Name}: {health.Detail}");
        }

        if (knowledge.LastErrors.Count > 0)
        {
            lines.Add($"warning: the last knowledge reload was rejected, still serving the version above: {knowledge.LastErrors[0]}");
        }

        return (ready, lines);
    }
}
