using BotHost.Console.Access;

namespace BotHost.Console.Gaps;

/// <summary>Whose counts a request sees: a moderator always their own community; an admin all, or the one chosen.</summary>
public sealed record GapsScope(string? Platform, string? Community, int Days)
{
    public static readonly IReadOnlyList<int> DayChoices = [7, 30, 90];

    public bool IsOverall => Platform is null;

    /// <summary>"discord/123" for one community, empty for all.</summary>
    public string Key => IsOverall ? string.Empty : $"{Platform}/{Community}";

    /// <summary>The scope asked for (<c>community=platform/id</c>, <c>days=N</c>), narrowed to what the session may see.</summary>
    public static GapsScope For(ConsoleSession session, string? community, int? days)
    {
        ArgumentNullException.ThrowIfNull(session);
        var window = days is { } d && DayChoices.Contains(d) ? d : 30;
        if (!session.IsAdmin) return new GapsScope(session.Platform, session.CommunityId, window);
        if (string.IsNullOrEmpty(community) || community.IndexOf('/', StringComparison.Ordinal) is var slash && slash <= 0) return new GapsScope(null, null, window);
        return new GapsScope(community[..slash], community[(slash + 1)..], window);
    }
}
