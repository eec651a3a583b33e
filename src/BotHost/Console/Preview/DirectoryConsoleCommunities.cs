using BotHost.Core.Communities;

namespace BotHost.Console.Preview;

/// <summary>The communities of communities.yaml, in platform and id order.</summary>
public sealed class DirectoryConsoleCommunities(CommunityDirectory directory) : IConsoleCommunities
{
    public IReadOnlyList<ConsoleCommunity> All { get; } =
    [
        .. directory.Communities.Select(c => new ConsoleCommunity(c.Key.Platform, c.Key.Id, c.Value))
            .OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal),
    ];
}
