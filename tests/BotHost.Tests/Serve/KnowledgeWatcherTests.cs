using BotHost.Knowledge;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.Logging;

namespace BotHost.Tests.Serve;

/// <summary>The knowledge watcher: debounced reloads on the fake clock, then the real thing with the OS's file events.</summary>
public sealed class KnowledgeWatcherTests : IDisposable
{
    /// <summary>The OS delivers file events in its own time; this is the one place a test waits for real (bounded).</summary>
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly RecordingLoggerProvider _logs = new();

    private static string NewArticle(string id) => TempKnowledgeFolder.Article(id, $"All about {id}",
        [$"what is {id}", $"tell me about {id}", $"{id} help"], [("About it", $"The topic {id} is explained here in plain words.")]);

    private KnowledgeHost StartKnowledge(TimeProvider time) =>
        KnowledgeHost.Start(new KnowledgeOptions { Path = _folder.Path }, time).Host ?? throw new InvalidOperationException("the sample knowledge has errors");

    [Fact]
    public void Notify_SeveralChangesThenQuiet_ReloadsExactlyOnceAndLogsTheNewVersion()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        using var knowledge = StartKnowledge(time);
        using var watcher = new KnowledgeWatcher(knowledge, time, _logs.CreateLogger<KnowledgeWatcher>());
        _folder.WriteArticle(NewArticle("new-topic"));

        watcher.Notify();
        watcher.Notify();
        time.Advance(TimeSpan.FromMilliseconds(300));
        watcher.Notify();
        time.Advance(KnowledgeWatcher.DefaultQuietPeriod - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, knowledge.Reloads);

        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, knowledge.Reloads);
        Assert.Contains(knowledge.Current.Articles, a => a.Id == "new-topic");
        Assert.Single(_logs.Containing($"now serving version {knowledge.Current.Version}"));
    }

    [Fact]
    public async Task NextReload_AcceptedThenRejected_CompletesWithEachOutcomeInTurn()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        using var knowledge = StartKnowledge(time);
        var first = knowledge.NextReload;
        _folder.WriteArticle(NewArticle("next-topic"));

        Assert.False(first.IsCompleted);
        knowledge.Reload();
        var second = knowledge.NextReload;
        _folder.WriteFile("articles/broken.md", "---\nid: broken\n---\n\nNot an article yet.\n");
        knowledge.Reload();

        var accepted = await first;
        var rejected = await second;
        Assert.True(accepted.Accepted);
        Assert.Equal(knowledge.Current.Version, accepted.Version);
        Assert.False(rejected.Accepted);
        Assert.Equal(accepted.Version, rejected.Version);
        Assert.False(knowledge.NextReload.IsCompleted);
    }

    [Fact]
    public void Notify_BrokenArticle_KeepsTheLastGoodVersionAndWarnsWithTheFirstError()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        using var knowledge = StartKnowledge(time);
        using var watcher = new KnowledgeWatcher(knowledge, time, _logs.CreateLogger<KnowledgeWatcher>());
        var version = knowledge.Current.Version;
        _folder.WriteFile("articles/broken.md", "---\nid: broken\n---\n\nNot an article yet.\n");

        watcher.Notify();
        time.Advance(KnowledgeWatcher.DefaultQuietPeriod);

        Assert.Equal(version, knowledge.Current.Version);
        Assert.Equal(1, knowledge.FailedReloads);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains($"has {knowledge.LastErrors.Count} error(s), so version {version} keeps serving", warning.Message, StringComparison.Ordinal);
        Assert.Contains(knowledge.LastErrors[0].ToString(), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RealFileEdits_SwapsInTheNewVersionThenKeepsItWhenTheNextEditIsBroken()
    {
        using var knowledge = StartKnowledge(TimeProvider.System);
        using var watcher = new KnowledgeWatcher(knowledge, TimeProvider.System, _logs.CreateLogger<KnowledgeWatcher>());
        await watcher.StartAsync(CancellationToken.None);
        var first = knowledge.Current.Version;

        var added = knowledge.NextReload;
        _folder.WriteArticle(NewArticle("watched-topic"));
        var reload = await added.WaitAsync(EventTimeout);
        var second = knowledge.Current.Version;

        Assert.True(reload.Accepted);
        Assert.Equal(second, reload.Version);
        Assert.NotEqual(first, second);
        Assert.Contains(knowledge.Current.Articles, a => a.Id == "watched-topic");
        Assert.Empty(knowledge.LastErrors);

        var broken = knowledge.NextReload;
        _folder.WriteFile("articles/broken.md", "---\nid: broken\n---\n\nNot an article yet.\n");
        var rejected = await broken.WaitAsync(EventTimeout);

        Assert.False(rejected.Accepted);
        Assert.Equal(1, knowledge.FailedReloads);
        Assert.Equal(second, knowledge.Current.Version);
        Assert.Contains(knowledge.Current.Articles, a => a.Id == "watched-topic");
        Assert.NotEmpty(knowledge.LastErrors);
        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _logs.Dispose();
        _folder.Dispose();
    }
}
