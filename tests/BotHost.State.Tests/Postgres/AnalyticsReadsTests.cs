using System.Data.Common;
using BotHost.Console.Gaps;
using BotHost.Core.Analytics;
using BotHost.State.Postgres;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotHost.State.Tests.Postgres;

/// <summary>The web console reads the gap analytics through the store: PostgreSQL answers exactly as SQLite does.</summary>
public sealed class AnalyticsReadsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-reads-").FullName;

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    [PostgresFact]
    public async Task GapsReader_SameCountsAndQuestions_PostgresReadsAsSqliteDoes()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        using var postgres = new PostgresAnalyticsStore(source, _time, NullLogger<PostgresAnalyticsStore>.Instance);
        using var sqlite = new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = Path.Combine(_folder, "analytics.db") }));
        var now = _time.GetUtcNow();
        foreach (var store in new IAnalyticsStore[] { postgres, sqlite })
        {
            store.Increment(new DailyCountKey(Today.AddDays(-9), "slack", "t1", string.Empty, "declined"));
            store.Increment(new DailyCountKey(Today.AddDays(-1), "slack", "t1", string.Empty, "declined"));
            store.Increment(new DailyCountKey(Today, "slack", "t1", "grooming", "helpful"));
            store.Increment(new DailyCountKey(Today, "slack", "t1", "grooming", "helpful"));
            store.Increment(new DailyCountKey(Today, "discord", "g1", "self-harm", "urgent"));
            store.AddQuestion(new StoredQuestion(now.AddHours(-2), now.AddDays(30), "slack", "t1", "how do i mail [email]"));
            store.AddQuestion(new StoredQuestion(now.AddHours(-1), now.AddDays(30), "slack", "t1", "newer question"));
            store.AddQuestion(new StoredQuestion(now.AddHours(-1), now, "slack", "t1", "expired question"));
            store.AddQuestion(new StoredQuestion(now.AddHours(-1), now.AddDays(30), "discord", "g1", "another community"));
        }

        var fromPostgres = new AnalyticsGapsReader(postgres);
        var fromSqlite = new AnalyticsGapsReader(sqlite);
        var since = Today.AddDays(-6);

        Assert.Equal(3, fromPostgres.Counts(since, null, null).Count);
        Assert.Equal(fromSqlite.Counts(since, null, null), fromPostgres.Counts(since, null, null));
        Assert.Equal(fromSqlite.Counts(since, "slack", "t1"), fromPostgres.Counts(since, "slack", "t1"));
        Assert.Equal(["newer question", "how do i mail [email]"], fromPostgres.RedactedQuestions("slack", "t1", now).Select(q => q.Text));
        Assert.Equal(fromSqlite.RedactedQuestions("slack", "t1", now), fromPostgres.RedactedQuestions("slack", "t1", now));
    }

    [Fact]
    public void GapsReader_PostgresUnreachable_ThrowsTheDbExceptionTheGapsPageReports()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=bothost;Database=none;Timeout=2");
        using var store = new PostgresAnalyticsStore(source, _time, NullLogger<PostgresAnalyticsStore>.Instance);
        var reader = new AnalyticsGapsReader(store);

        Assert.ThrowsAny<DbException>(() => reader.Counts(Today, null, null));
        Assert.ThrowsAny<DbException>(() => reader.RedactedQuestions("slack", "t1", _time.GetUtcNow()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
