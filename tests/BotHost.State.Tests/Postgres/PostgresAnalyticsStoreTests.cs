using BotHost.Core.Analytics;
using BotHost.State.Postgres;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BotHost.State.Tests.Postgres;

/// <summary>The PostgreSQL analytics store and its migrations against the real server.</summary>
public sealed class PostgresAnalyticsStoreTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private PostgresAnalyticsStore Store(NpgsqlDataSource source) => new(source, _time, NullLogger<PostgresAnalyticsStore>.Instance);

    [PostgresFact]
    public async Task ApplyAsync_EmptyDatabaseThenAgain_AppliesEachMigrationOnce()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();

        var first = await PostgresMigrations.ApplyAsync(source, default);
        var second = await PostgresMigrations.ApplyAsync(source, default);

        Assert.Equal(PostgresMigrations.All.Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Equal(PostgresMigrations.All.Count, await db.ScalarAsync("SELECT count(*) FROM bothost_migrations"));
    }

    [PostgresFact]
    public async Task ApplyAsync_TwoReplicasAtOnce_BothSucceedAndEachMigrationRunsOnce()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var a = db.Open();
        await using var b = db.Open();

        var results = await Task.WhenAll(PostgresMigrations.ApplyAsync(a, default), PostgresMigrations.ApplyAsync(b, default));

        Assert.Equal(PostgresMigrations.All.Count, results.Sum(r => r.Count));
        Assert.Equal(PostgresMigrations.All.Count, await db.ScalarAsync("SELECT count(*) FROM bothost_migrations"));
    }

    [PostgresFact]
    public async Task Flush_CountsFromTwoStores_AddUpInOneRow()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        using var a = Store(source);
        using var b = Store(source);
        var key = new DailyCountKey(Today, "slack", "T1", "sextortion", "answered");

        a.Increment(key);
        a.Increment(key);
        b.Increment(key);
        a.Flush();
        b.Flush();

        Assert.Equal(3, await db.ScalarAsync("SELECT count FROM daily_counts WHERE article = 'sextortion' AND kind = 'answered'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM daily_counts"));
    }

    [PostgresFact]
    public async Task Increment_BeforeTheFlushInterval_NothingWrittenThenWrittenOnTheTimer()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        await PostgresMigrations.ApplyAsync(source, default);
        using var store = Store(source);

        store.Increment(new DailyCountKey(Today, "discord", "G1", string.Empty, "declined"));
        var before = await db.ScalarAsync("SELECT count(*) FROM daily_counts");
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        Assert.Equal(0, before);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM daily_counts"));
    }

    [PostgresFact]
    public async Task ReportAndDeleteExpired_StoredQuestions_KeptUntilRetentionThenDeleted()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        using var store = Store(source);
        var now = _time.GetUtcNow();
        store.Increment(new DailyCountKey(Today, "slack", "T1", string.Empty, "declined"));
        store.Increment(new DailyCountKey(Today, "slack", "T1", "grooming", "helpful"));
        store.AddQuestion(new StoredQuestion(now, now + TimeSpan.FromDays(30), "slack", "T1", "how do i mail [email]"));

        var report = store.Report(Today.AddDays(-29), now);
        var keptAtDay29 = store.DeleteExpired(now + TimeSpan.FromDays(29));
        var deletedAtDay30 = store.DeleteExpired(now + TimeSpan.FromDays(30));

        Assert.Equal("how do i mail [email]", Assert.Single(report.RecentQuestions).RedactedText);
        Assert.Equal(new GapDayRow(PostgresGapReport.Day(Today), 1), Assert.Single(report.DeclinedByDay));
        Assert.Equal(new GapArticleRow("grooming", 0, 1, 0), Assert.Single(report.Articles));
        Assert.Equal(0, keptAtDay29);
        Assert.Equal(1, deletedAtDay30);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM declined_questions"));
    }

    [Fact]
    public void Flush_DatabaseUnreachable_KeepsTheCountsAndReportsDegraded()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=bothost;Database=none;Timeout=2");
        using var store = Store(source);
        store.Increment(new DailyCountKey(new DateOnly(2026, 11, 22), "slack", "T1", string.Empty, "declined"));

        Assert.ThrowsAny<NpgsqlException>(store.Flush);

        Assert.False(store.Health.Healthy);
        Assert.Contains("1 count(s) waiting", store.Health.Detail, StringComparison.Ordinal);
    }
}
