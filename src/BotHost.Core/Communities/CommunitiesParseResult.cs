namespace BotHost.Core.Communities;

/// <summary>The directory read from a communities file, or (when it has problems) null and one line per problem.</summary>
public sealed record CommunitiesParseResult(CommunityDirectory? Directory, IReadOnlyList<string> Errors);
