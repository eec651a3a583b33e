namespace BotHost.Core.State;

/// <summary>
/// The state both platforms share: de-duplication and member keys (configuration section <c>State</c>). The embedded
/// defaults keep it in this process; a shared implementation (one per interface in this folder) lets replicas agree.
/// </summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>Most keys the in-process de-duplicator remembers at once (Slack event ids, envelopes, feedback votes).</summary>
    public int DeduplicationCapacity { get; set; } = 50_000;

    /// <summary>
    /// The secret that salts member keys (<c>State__MemberKeySalt</c>, at least 16 characters). Unset, each process draws
    /// a random one, so keys mean nothing outside it; replicas that share state must share this setting.
    /// </summary>
    public string? MemberKeySalt { get; set; }
}
