namespace BotHost.Serve;

/// <summary>Where and what <c>serve</c> runs.</summary>
/// <param name="CommunitiesFile">communities.yaml from <c>--communities</c>; null falls back to the <c>Communities:File</c> setting.</param>
public sealed record ServeSettings(string Urls, string KnowledgePath, string? ConfigFile, string? CommunitiesFile = null);
