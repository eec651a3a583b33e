namespace BotHost.State.Tests.Replicas;

/// <summary>Both replicas' analytics land in one PostgreSQL database, each reply and each click counted once.</summary>
[Collection(ReplicaGroup.Name)]
public sealed class ReplicaAnalyticsTests
{
    [StateServersFact]
    public async Task Analytics_RepliesAndAClickOnBothReplicas_OneDatabaseEachCountedOnce()
    {
        await using var bot = await SlackReplicas.StartAsync(questionsPerMinute: 2);
        for (var i = 0; i < 3; i++) await bot.MentionAsync(i % 2, $"Ev0COUNT{i}", "U0COUNT", $"what is sextortion {i}");
        await bot.MentionAsync(1, "Ev0COUNT0", "U0COUNT", "what is sextortion 0", retryNum: 1);
        await bot.HelpfulClickAsync(0, "sextortion", "click-a");
        await bot.HelpfulClickAsync(1, "sextortion", "click-b");
        await SlackReplicas.EventuallyAsync(() => bot.Replied() >= 3, "three replies");
        await SlackReplicas.EventuallyAsync(() => bot.Slack.RequestsTo("hooks/click-a").Count + bot.Slack.RequestsTo("hooks/click-b").Count >= 2, "both thanks");

        foreach (var replica in bot.Replicas) await replica.StopAsync();

        Assert.Equal(3, await bot.Database.ScalarAsync("SELECT COALESCE(SUM(count), 0) FROM daily_counts WHERE kind IN ('answered', 'declined', 'rate_limited')"));
        Assert.Equal(1, await bot.Database.ScalarAsync("SELECT COALESCE(SUM(count), 0) FROM daily_counts WHERE kind = 'rate_limited'"));
        Assert.Equal(1, await bot.Database.ScalarAsync("SELECT COALESCE(SUM(count), 0) FROM daily_counts WHERE kind = 'helpful' AND article = 'sextortion'"));
    }
}
