namespace BotHost.Knowledge.Coverage;

/// <summary>What a hole in the coverage matrix does to <c>kb coverage</c> and <c>kb check</c>.</summary>
public enum HoleSeverity
{
    /// <summary>Not checked: the cell is shown, a missing service is not a problem.</summary>
    Off,

    /// <summary>Reported as a warning.</summary>
    Warning,

    /// <summary>Reported as an error: the command fails (safety-critical topics).</summary>
    Error,
}
