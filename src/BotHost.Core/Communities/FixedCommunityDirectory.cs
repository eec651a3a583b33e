namespace BotHost.Core.Communities;

/// <summary>The same settings for every community: the console, and hosts with no communities file.</summary>
public sealed class FixedCommunityDirectory(CommunitySettings settings) : ICommunityDirectory
{
    public CommunitySettings Find(string platform, string communityId) => settings;
}
