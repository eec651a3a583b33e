namespace BotHost.Core.Communities;

/// <summary>
/// The communities of communities.yaml, looked up by platform and community id (both compared ordinally: ids are
/// opaque and case matters to Slack). Communities not listed get <see cref="Defaults"/>.
/// </summary>
public sealed class CommunityDirectory(CommunitySettings defaults, IReadOnlyDictionary<(string Platform, string Id), CommunitySettings> communities)
    : ICommunityDirectory
{
    public CommunitySettings Defaults { get; } = defaults;

    public int Count => communities.Count;

    public CommunitySettings Find(string platform, string communityId) =>
        communities.TryGetValue((platform, communityId), out var settings) ? settings : Defaults;
}
