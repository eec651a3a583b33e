namespace BotHost.Knowledge.Safety;

/// <summary>Which safety detectors decide (both in production; one alone to measure what each adds).</summary>
[Flags]
public enum SafetyDetectors
{
    None = 0,

    /// <summary>The phrase rules of urgent.yaml and refusal.yaml.</summary>
    Rules = 1,

    /// <summary>The labelled examples of knowledge/examples/ (<see cref="SemanticSafety"/>).</summary>
    Examples = 2,

    Both = Rules | Examples,
}
