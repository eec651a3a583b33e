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

    /// <summary>Every listed community with its settings (the web console's pickers and moderator tokens).</summary>
    public IReadOnlyDictionary<(string Platform, string Id), CommunitySettings> Communities => communities;

    public CommunitySettings Find(string platform, string communityId) =>
        communities.TryGetValue((platform, communityId), out var settings) ? settings : Defaults;
}
