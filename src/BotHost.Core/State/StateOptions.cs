namespace BotHost.Core.State;

/// <summary>
/// Where the state that replicas must share lives (configuration section <c>State</c>): event de-duplication, member
/// rate limits, moderator-alert merging and flood limits. Without <see cref="Redis"/> it lives in this process's memory,
/// which is right for one replica and needs no server.
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

    /// <summary>Most keys each in-process store holds (oldest forgotten first), so nothing a platform sends grows memory without bound.</summary>
    public int EmbeddedCapacity { get; set; } = 50_000;
}
