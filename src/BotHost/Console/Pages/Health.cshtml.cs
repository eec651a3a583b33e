using BotHost.Console.Health;
using BotHost.Core.Adapters;
using BotHost.Serve;

namespace BotHost.Console.Pages;

/// <summary>Health: each adapter's state, what <c>/readyz</c> would say and why, and the pipeline's main figures.</summary>
public sealed class HealthModel(IEnumerable<IChatAdapter> adapters, KnowledgeHost knowledge, ConsoleMetrics metrics, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<IChatAdapter> Adapters { get; } = [.. adapters];

    public KnowledgeHost Knowledge => knowledge;

    public ConsoleMetrics Metrics => metrics;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Ready when every enabled adapter is connected (the knowledge base is always loaded once serving).</summary>
    public bool Ready => Adapters.Where(a => a.Status.State != AdapterState.Disabled).All(a => a.Status.IsReady);

    /// <summary>The reasons <c>/readyz</c> gives, one per line.</summary>
    public IReadOnlyList<string> Reasons
    {
        get
        {
            List<string> reasons = [$"knowledge: version {knowledge.Current.Version}"];
            foreach (var adapter in Adapters.Where(a => a.Status.State != AdapterState.Disabled))
            {
                var status = adapter.Status;
                reasons.Add($"{adapter.Platform}: {status.State.ToString().ToLowerInvariant()}{(status.Detail is { } detail ? $" ({detail})" : string.Empty)}");
            }

            if (knowledge.LastErrors.Count > 0) reasons.Add($"warning: the last knowledge reload was rejected, still serving the version above: {knowledge.LastErrors[0]}");
            return reasons;
        }
    }

    public void OnGet()
    {
    }
}
