namespace BotHost.Console.Access;

/// <summary>A signed-in console user, held on the server; the browser holds only the random session id.</summary>
/// <param name="Platform">For a moderator: the platform of their community ("discord" or "slack"); null for an admin.</param>
/// <param name="CommunityId">For a moderator: their community's id; null for an admin.</param>
public sealed record ConsoleSession(string Id, ConsoleRole Role, string? Platform, string? CommunityId, DateTimeOffset SignedInAt)
{
    public bool IsAdmin => Role == ConsoleRole.Admin;

    /// <summary>True when this user may see the analytics of the community (admins see every community).</summary>
    public bool MaySee(string platform, string communityId) =>
        IsAdmin || (string.Equals(platform, Platform, StringComparison.Ordinal) && string.Equals(communityId, CommunityId, StringComparison.Ordinal));
}
