namespace BotHost.Core.Communities;

/// <summary>Looks up a community's settings; unknown communities get the defaults.</summary>
public interface ICommunityDirectory
{
    CommunitySettings Find(string platform, string communityId);
}
