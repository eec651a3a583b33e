using BotHost.Core.State;
using Microsoft.Extensions.Options;

namespace BotHost.Testing;

/// <summary>Core's embedded state stores on one clock, for tests that build handlers and services by hand.</summary>
public sealed class EmbeddedState(TimeProvider time, int capacity = 50_000)
{
    public IOptions<StateOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new StateOptions { DeduplicationCapacity = capacity });

    public InMemoryEventDeduplicator Claims => field ??= new(Options, time);

    public InMemoryRateLimitStore Limits => field ??= new(Options, time);

    public InMemorySharedCounter Counter => field ??= new(Options, time);
}
