using BotHost.Console.Health;
using BotHost.Core.Adapters;
using BotHost.Core.State;
using BotHost.Serve;
using BotHost.Serve.Endpoints;

namespace BotHost.Console.Pages;

/// <summary>Health: each adapter's state, what <c>/readyz</c> would say and why, and the pipeline's main figures.</summary>
public sealed class HealthModel(IEnumerable<IChatAdapter> adapters, IEnumerable<IStateHealth> stores, KnowledgeHost knowledge, ConsoleMetrics metrics, TimeProvider time)
    : ConsolePageModel
{
    public IReadOnlyList<IChatAdapter> Adapters { get; } = [.. adapters];

    public KnowledgeHost Knowledge => knowledge;

    public ConsoleMetrics Metrics => metrics;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Whether <c>/readyz</c> would answer 200, and its reasons, one per line (the same report).</summary>
    public (bool Ready, IReadOnlyList<string> Lines) Readiness => ReadinessReport.Lines(knowledge, Adapters, stores);

    public void OnGet()
    {
    }
}
