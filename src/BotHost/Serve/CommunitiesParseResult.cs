namespace BotHost.Serve;

/// <summary>The directory read from a communities file, or (when it has problems) null and one line per problem.</summary>
internal sealed record CommunitiesParseResult(CommunityDirectory? Directory, IReadOnlyList<string> Errors);
