using BotHost.Core.Communities;

namespace BotHost.Console.Preview;

/// <summary>A community of communities.yaml as the console lists it (its platform and id; never a name a member chose).</summary>
public sealed record ConsoleCommunity(string Platform, string Id, CommunitySettings Settings)
{
    /// <summary>"discord/123" or "slack/T0123": the value of the community pickers.</summary>
    public string Key => $"{Platform}/{Id}";
}
