using System.Net;

namespace BotHost.State.Tests.Replicas;

/// <summary>
/// Two real <c>serve</c> processes sharing Redis and PostgreSQL (issue #18): what one replica did, the other knows.
/// </summary>
[Collection(ReplicaGroup.Name)]
public sealed class TwoReplicaTests(TwoReplicaFixture fixture)
{
    private SlackReplicas Bot => fixture.Bot;

    [StateServersFact]
    public async Task SlackEvent_RetryReachesTheOtherReplica_AnsweredOnce()
    {
        var before = Bot.Replied();

        var first = await Bot.MentionAsync(0, "Ev0RETRY1", "U0RETRY1", "what is sextortion");
        var retry = await Bot.MentionAsync(1, "Ev0RETRY1", "U0RETRY1", "what is sextortion", retryNum: 1);
        var marker = await Bot.MentionAsync(1, "Ev0RETRY2", "U0RETRY2", "how do i report csam");
        await SlackReplicas.EventuallyAsync(() => Bot.Replied() >= before + 2, "the answer and the marker's answer");

        await SlackReplicas.OutputShowsAsync(Bot.Replicas[1], "Slack event Ev0RETRY1 was already received");

        Assert.True(SlackReplicas.AllOk(first, retry, marker));
        Assert.Equal(before + 2, Bot.Replied());
    }

    [StateServersFact]
    public async Task RateLimit_MemberAlternatesReplicas_LimitedAsOneMember()
    {
        const string AskedToWait = "passed 5 questions a minute and was asked to wait";
        var before = Bot.Replied();
        var limitedBefore = Bot.Occurrences(AskedToWait);

        for (var i = 0; i < 6; i++)
        {
            var response = await Bot.MentionAsync(i % 2, $"Ev0LIMIT{i}", "U0LIMIT", $"what is sextortion {i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SlackReplicas.EventuallyAsync(() => Bot.Replied() >= before + 6, "six replies");
        Assert.Equal(limitedBefore + 1, Bot.Occurrences(AskedToWait));
    }

    [StateServersFact]
    public async Task UrgentMessage_ReachesBothReplicas_ModeratorsAlertedOnce()
    {
        const string Merged = "merged into the member's recent moderator alert";
        var alertsBefore = Bot.Alerts().Count;
        var before = Bot.Replied();

        await Bot.MentionAsync(0, "Ev0URGENT1", "U0URGENT", "i am going to kill myself tonight");
        await Bot.MentionAsync(1, "Ev0URGENT2", "U0URGENT", "i am going to kill myself tonight, i have the pills");
        await SlackReplicas.EventuallyAsync(() => Bot.Occurrences(Merged) >= 1 && Bot.Replied() >= before + 2, "both urgent replies, the second merged");
        await SlackReplicas.EventuallyAsync(() => Bot.Alerts().Count >= alertsBefore + 1, "the moderator alert");

        Assert.Equal(alertsBefore + 1, Bot.Alerts().Count);
    }

    [StateServersFact]
    public async Task Readyz_BothReplicas_ReportRedisAndPostgresOk()
    {
        foreach (var replica in Bot.Replicas)
        {
            var (status, text) = await replica.ReadyzAsync();

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(text.Contains("redis: ok", StringComparison.Ordinal) && text.Contains("postgresql: ok", StringComparison.Ordinal),
                $"/readyz:\n{text}\nserve's output:\n{replica.Output}");
        }
    }
}

/// <summary>Two replicas started once for <see cref="TwoReplicaTests"/> (each test uses its own members and event ids).</summary>
public sealed class TwoReplicaFixture : IAsyncLifetime
{
    private SlackReplicas? _bot;

    public SlackReplicas Bot => _bot ?? throw new InvalidOperationException("the replicas did not start");

    public async Task InitializeAsync()
    {
        if (StateServers.Redis is null && StateServers.Postgres is null && !StateServers.InCi) return; // every test is skipped
        _bot = await SlackReplicas.StartAsync(questionsPerMinute: 5);
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ReplicaGroup : ICollectionFixture<TwoReplicaFixture>
{
    public const string Name = "two serve replicas";
}
