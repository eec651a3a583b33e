using BotHost.Core.Analytics;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Analytics;

/// <summary>The SQLite store's reads for the web console: daily counts per community or overall, and kept questions.</summary>
public sealed class SqliteAnalyticsStoreTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-analytics-").FullName;

    private string DbPath => Path.Combine(_folder, "analytics.db");

    private SqliteAnalyticsStore Store() => new(Options.Create(new AnalyticsOptions { DatabasePath = DbPath }));

    [Fact]
    public void Counts_OneCommunityOrAll_ReturnsThatScopesCountsFromTheDayGiven()
    {
        using var store = Store();
        store.Increment(new DailyCountKey(Today.AddDays(-8), "slack", "t1", string.Empty, "declined"));
        store.Increment(new DailyCountKey(Today, "slack", "t1", "grooming", "helpful"));
        store.Increment(new DailyCountKey(Today, "slack", "t1", "grooming", "helpful"));
        store.Increment(new DailyCountKey(Today, "discord", "g1", "self-harm", "urgent"));

        var one = store.Counts(Today.AddDays(-6), "slack", "t1");
        var all = store.Counts(Today.AddDays(-6), null, null);

        Assert.Equal([new DailyCount(Today, "slack", "t1", "grooming", "helpful", 2)], one);
        Assert.Equal([new DailyCount(Today, "discord", "g1", "self-harm", "urgent", 1), new DailyCount(Today, "slack", "t1", "grooming", "helpful", 2)], all);
    }

    [Fact]
    public void Questions_OtherCommunityExpiredAndPastTheLimit_AreLeftOutNewestFirst()
    {
        using var store = Store();
        store.AddQuestion(new StoredQuestion(Now.AddHours(-3), Now.AddDays(30), "slack", "t1", "oldest [email]"));
        store.AddQuestion(new StoredQuestion(Now.AddHours(-2), Now.AddDays(30), "slack", "t1", "older"));
        store.AddQuestion(new StoredQuestion(Now.AddHours(-1), Now.AddDays(30), "slack", "t1", "newest"));
        store.AddQuestion(new StoredQuestion(Now.AddHours(-1), Now, "slack", "t1", "expired"));
        store.AddQuestion(new StoredQuestion(Now.AddHours(-1), Now.AddDays(30), "slack", "t2", "other community"));

        var questions = store.Questions("slack", "t1", Now, limit: 2);

        Assert.Equal(["newest", "older"], questions.Select(q => q.RedactedText));
        Assert.Equal("2026-11-22T11:00:00Z", questions[0].At);
    }

    [Fact]
    public void CountsAndQuestions_NoDatabaseYet_EmptyAndCreateNoFile()
    {
        using var store = Store();

        Assert.Empty(store.Counts(Today, null, null));
        Assert.Empty(store.Questions("slack", "t1", Now, 10));
        Assert.False(File.Exists(DbPath));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
