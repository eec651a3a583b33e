namespace BotHost.Core.Analytics;

/// <summary>Where the gap analytics live (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>SQLite file for the daily counts (and opt-in redacted questions). Created on the first recorded reply.</summary>
    public string DatabasePath { get; set; } = "bothost-analytics.db";

    /// <summary>
    /// A PostgreSQL connection string (<c>Analytics__ConnectionString</c>): when set, the analytics go there instead of
    /// <see cref="DatabasePath"/>, so every replica writes to one database (BotHost.State's PostgreSQL store).
    /// </summary>
    public string? ConnectionString { get; set; }
}
