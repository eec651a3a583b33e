using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Communities;

/// <summary>How the bot behaves in one Discord guild or Slack team (communities.yaml).</summary>
public sealed record CommunitySettings
{
    public static CommunitySettings Default { get; } = new();

    /// <summary>Region whose hotlines are shown (ISO code, EU or INTL).</summary>
    public string Region { get; init; } = RegionCode.International;

    /// <summary>When true every answer goes privately, not only sensitive ones.</summary>
    public bool PrivateByDefault { get; init; }
}
