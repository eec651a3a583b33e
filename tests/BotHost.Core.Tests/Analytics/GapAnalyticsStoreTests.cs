using System.Text;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Analytics;

public sealed class GapAnalyticsStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-gaps-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider _logs = new();

    private string DbPath => Path.Combine(_folder, "analytics.db");

    private GapAnalyticsStore Store() => new(new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = DbPath })), _time, _logs.CreateLogger<GapAnalyticsStore>());

    private static IncomingMessage Message(string text, MessageSource source = MessageSource.Mention) => new()
    {
        Platform = "slack",
        CommunityId = "T1",
        ChannelId = "C1",
        UserId = "U-private-42",
        Text = text,
        Source = source,
    };

    private static Reply Answer(string article) => new()
    {
        Kind = ReplyKind.Answer,
        Visibility = ReplyVisibility.Public,
        Blocks = [],
        Feedback = new FeedbackTarget(article, ReplyKind.Answer),
    };

    private static Reply Declined() => Reply.Text(ReplyKind.Declined, ReplyVisibility.Public, "no");

    [Fact]
    public async Task Report_AnswersDeclinesAndFeedback_AreCountedPerArticleAndDay()
    {
        using (var store = Store())
        {
            store.OnReplied(Message("q1"), CommunitySettings.Default, Answer("sextortion"));
            store.OnReplied(Message("q2"), CommunitySettings.Default, Answer("sextortion"));
            store.OnReplied(Message("flat tyre"), CommunitySettings.Default, Declined());
            await store.RecordAsync("slack", "T1", "sextortion", helpful: true, CancellationToken.None);
            await store.RecordAsync("slack", "T1", "sextortion", helpful: false, CancellationToken.None);
        }

        using var reopened = Store();
        var report = reopened.Report(days: 30);

        Assert.Equal(new GapArticleRow("sextortion", 2, 1, 1), Assert.Single(report.Articles));
        Assert.Equal(new GapDayRow("2026-11-22", 1), Assert.Single(report.DeclinedByDay));
        Assert.Empty(report.RecentQuestions);
    }

    [Fact]
    public async Task RecordAsync_ArticleIdTheLoadedKnowledgeDoesNotHave_NotCountedAndLogged()
    {
        using var fixture = new PipelineFixture();
        using (var store = new GapAnalyticsStore(new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = DbPath })), _time,
                   _logs.CreateLogger<GapAnalyticsStore>(), new FixedKnowledgeProvider(fixture.Knowledge)))
        {
            await store.RecordAsync("discord", "G1", "sextortion", helpful: true, CancellationToken.None);
            for (var i = 0; i < 1_000; i++)
            {
                await store.RecordAsync("discord", "G1", $"forged-article-{i}", helpful: true, CancellationToken.None);
            }
        }

        using var reopened = Store();
        var row = Assert.Single(reopened.Report(days: 30).Articles);
        Assert.Equal(new GapArticleRow("sextortion", 0, 1, 0), row);
        Assert.NotEmpty(_logs.Containing("does not have", LogLevel.Warning));
    }

    [Fact]
    public void OnReplied_WithoutOptIn_NeverWritesTheTextOrTheUserId()
    {
        using (var store = Store())
        {
            store.OnReplied(Message("marker-textual-9931 how do i fix my bike"), CommunitySettings.Default, Declined());
        }

        var bytes = Encoding.UTF8.GetString(File.ReadAllBytes(DbPath));
        Assert.DoesNotContain("marker-textual-9931", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("U-private-42", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public void OnReplied_OptedInCommunity_KeepsOnlyRedactedTextUntilRetentionEnds()
    {
        var community = new CommunitySettings { StoreRedactedQuestions = true, QuestionRetention = TimeSpan.FromDays(30) };
        using var store = Store();
        store.StartCleanup();
        store.OnReplied(Message("how do i mail someone@example.com about 0123456789"), community, Declined());

        Assert.Equal("how do i mail [email] about [number]", Assert.Single(store.Report(30).RecentQuestions).RedactedText);

        _time.Advance(TimeSpan.FromDays(30));

        Assert.Empty(store.Report(30).RecentQuestions);
        Assert.Equal(0, store.DeleteExpired());
    }

    [Fact]
    public void OnReplied_ConsoleQuestion_CreatesNoDatabase()
    {
        using (var store = Store())
        {
            store.OnReplied(Message("q", MessageSource.Console), CommunitySettings.Default, Answer("thorn"));
        }

        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void StoredFields_MatchTheAboutThisBotArticle()
    {
        var article = File.ReadAllText(Path.Combine(RepositoryPaths.Knowledge, "articles", "about-this-bot.md"));
        var section = article[article.IndexOf("## What the bot stores", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var bullets = section.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToList();

        Assert.Equal(GapAnalyticsStore.StoredFields, bullets);
    }

    public void Dispose()
    {
        _logs.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
