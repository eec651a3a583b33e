using BotHost.Knowledge.Hotlines;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>Hotline entries for the safety tests that check who a member can talk to in each region.</summary>
internal static class TestHotlines
{
    /// <summary>A verified line of <paramref name="region"/> serving <paramref name="topics"/>.</summary>
    public static Hotline Line(string id, string region, string? phone, params string[] topics) => new()
    {
        Id = id,
        Name = id,
        Operator = "Operator",
        Region = region,
        Topics = topics,
        Phone = phone,
        Confidence = "verified",
        Verified = new DateOnly(2026, 11, 1),
        Source = new Uri("https://example.org/"),
    };
}
