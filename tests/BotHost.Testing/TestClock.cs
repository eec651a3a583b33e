namespace BotHost.Testing;

/// <summary>Where the tests' clocks start: the shipped knowledge base's review dates are current on this day.</summary>
public static class TestClock
{
    /// <summary>2026-11-22 12:00 UTC, the day the shipped knowledge was last reviewed.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
}
