namespace BotHost.Console.Access;

/// <summary>No community has a moderator token (no communities file, or none of its communities sets one).</summary>
public sealed class NoModeratorTokens : IModeratorTokens
{
    public ModeratorCommunity? Find(string token) => null;
}
