namespace BotHost.Console.Access;

/// <summary>The per-community moderator tokens of communities.yaml, looked up without revealing which part of a token matched.</summary>
public interface IModeratorTokens
{
    /// <summary>The community whose token this is, or null.</summary>
    ModeratorCommunity? Find(string token);
}

/// <summary>A community a moderator token opens.</summary>
public sealed record ModeratorCommunity(string Platform, string CommunityId);
