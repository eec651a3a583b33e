namespace BotHost.Core.Analytics;

/// <summary>One daily count of the gap analytics: no member, no text; <paramref name="Key"/> is an article id or an urgent category.</summary>
/// <param name="Kind">answered, declined, helpful, not_helpful, urgent or rate_limited.</param>
public sealed record DailyCount(DateOnly Day, string Platform, string Community, string Key, string Kind, long Count);
