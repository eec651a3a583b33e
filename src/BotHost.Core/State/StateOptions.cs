namespace BotHost.Core.State;

/// <summary>
/// The state that platforms, replicas and shards share (configuration section <c>State</c>): event de-duplication,
/// member keys and rate limits, moderator-alert merging and flood limits. Without <see cref="Redis"/> it lives in this
/// process's memory, which is right for one replica and needs no server.
/// </summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>
    /// StackExchange.Redis configuration (<c>State__Redis</c>, e.g. <c>redis:6379,password=...</c>); empty keeps the state in
    /// this process. Every replica and shard of one bot must name the same Redis.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key this bot writes (<c>State__KeyPrefix</c>), so two bots can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "bothost:";

    /// <summary>
    /// Most keys each in-process store remembers at once (Slack event ids, envelopes, feedback votes, rate-limit windows,
    /// alert counts), so nothing a platform sends grows memory without bound.
    /// </summary>
    public int DeduplicationCapacity { get; set; } = 50_000;

    /// <summary>
    /// The secret that salts member keys (<c>State__MemberKeySalt</c>, at least 16 characters). Unset, each process draws
    /// a random one, so keys mean nothing outside it; replicas that share state must share it: set this, or set
    /// <see cref="Redis"/>, where the first replica stores a random one for all.
    /// </summary>
    public string? MemberKeySalt { get; set; }
}
