namespace BotHost.Core.State;

/// <summary>A shared store that reports its health on <c>/readyz</c> (one line each).</summary>
public interface IStateHealth
{
    StateHealthReport Health { get; }
}

/// <summary>
/// One store's health: its name (<c>redis</c>, <c>postgresql</c>), whether its last call worked, and a detail line. A
/// degraded store does not make the replica unready: members are still answered, from this process's memory.
/// </summary>
public sealed record StateHealthReport(string Name, bool Healthy, string Detail);
