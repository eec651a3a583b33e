using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Knowledge.Answers;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Serve;

/// <summary>What <see cref="ServeHost.Build"/> and start-up accept and refuse, without serving requests.</summary>
public sealed class ServeHostStartupTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly List<string> _files = [];

    private string TempFile(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bothost-startup-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        _files.Add(path);
        return path;
    }

    private string Config(string json) => TempFile(".json", json);

    private static string Json(string path) => path.Replace("\\", "/", StringComparison.Ordinal);

    [Fact]
    public async Task Build_CommunitiesFileSetting_ServesThoseCommunities()
    {
        var communities = TempFile(".yaml", """
            defaults:
              region: GB
            communities:
              - platform: slack
                id: T1
                region: DE
                ignore_channels: [C9]
            """);
        var config = Config($$"""{ "Communities": { "File": "{{Json(communities)}}" } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;

        Assert.Empty(problems);
        var directory = app!.Services.GetRequiredService<ICommunityDirectory>();
        Assert.Equal("DE", directory.Find("slack", "T1").Region);
        Assert.False(directory.Find("slack", "T1").AnswersIn("C9"));
        Assert.Equal("GB", directory.Find("slack", "T2").Region);
    }

    [Fact]
    public async Task Build_CommunitiesOptionAndSetting_TheOptionWins()
    {
        var fromSetting = TempFile(".yaml", "defaults:\n  region: GB\n");
        var fromOption = TempFile(".yaml", "defaults:\n  region: AU\n");
        var config = Config($$"""{ "Communities": { "File": "{{Json(fromSetting)}}" } }""");

        var (app, _) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config, fromOption), _time);
        await using var running = app;

        Assert.Equal("AU", app!.Services.GetRequiredService<ICommunityDirectory>().Find("discord", "1").Region);
    }

    [Fact]
    public void Build_CommunitiesFileWithMistakes_DoesNotBuildAndNamesEachLine()
    {
        var communities = TempFile(".yaml", "communities:\n  - platform: slack\n    id: T1\n    private_by_default: maybe\n");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, null, communities), _time);

        Assert.Null(app);
        Assert.Equal([$"{communities}:4: error: field 'communities[1].private_by_default' must be true or false: 'maybe'"], problems);
    }

    [Fact]
    public async Task Build_NoCommunitiesFile_EveryCommunityGetsTheBuiltInDefaults()
    {
        var (app, _) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, null), _time);
        await using var running = app;

        Assert.Equal(CommunitySettings.Default, app!.Services.GetRequiredService<ICommunityDirectory>().Find("slack", "T1"));
    }

    [Fact]
    public void Build_AdminTokenTooShort_DoesNotBuildAndNamesTheSettingButNotTheToken()
    {
        var config = Config("""{ "Admin": { "Token": "hunter2-secret" } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);

        Assert.Null(app);
        var line = Assert.Single(problems);
        Assert.StartsWith("Admin__Token: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Build_SeveralBadSettings_OneLinePerSetting()
    {
        var notAFolder = TempFile(".txt", "a file where a folder should be");
        var config = Config($$"""
            {
              "Admin": { "Token": "short" },
              "Safety": { "QuestionsPerMinute": -1 },
              "Analytics": { "DatabasePath": "{{Json(Path.Combine(notAFolder, "analytics.db"))}}" }
            }
            """);

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);

        Assert.Null(app);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, l => l.StartsWith("Admin__Token: ", StringComparison.Ordinal));
        Assert.Contains("Safety__QuestionsPerMinute: must be 0 (no limit) or more, not -1", problems);
        Assert.Contains(problems, l => l.StartsWith($"Analytics__DatabasePath: the folder '{notAFolder}' does not exist and cannot be created", StringComparison.Ordinal));
        Assert.All(problems, l => Assert.DoesNotContain('\n', l));
    }

    [Fact]
    public async Task StartAsync_AnalyticsFolderMissing_CreatesItAndStarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bothost-startup-{Guid.NewGuid():N}", "data");
        var config = Config($$"""{ "Admin": { "Token": "a-long-enough-admin-token" }, "Analytics": { "DatabasePath": "{{Json(Path.Combine(folder, "a.db"))}}" } }""");
        var (app, _) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;

        await app!.StartAsync();
        await app.StopAsync();

        Assert.True(Directory.Exists(folder));
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public void SettingsProblems_SeveralOptionsFailedTogether_EveryFailureOnItsOwnLine()
    {
        var error = new AggregateException(
            new OptionsValidationException("a", typeof(object), ["A__One: bad", "A__Two: bad"]),
            new OptionsValidationException("b", typeof(object), ["B__Three: bad"]));

        var problems = SettingsProblems.From(error);

        Assert.Equal(["A__One: bad", "A__Two: bad", "B__Three: bad"], problems);
    }

    [Fact]
    public void SettingsProblems_OtherException_IsNull()
    {
        var problems = SettingsProblems.From(new IOException("address in use"));

        Assert.Null(problems);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Build_KnowledgeWatchSetting_RunsTheWatcherOnlyWhenOn(string? watch, bool expected)
    {
        var config = Config(watch is null ? "{}" : $$"""{ "Knowledge": { "Watch": {{watch}} } }""");

        var (app, _) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;

        var hosted = app!.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(expected, hosted.OfType<KnowledgeWatcher>().Any());
        Assert.Single(hosted.OfType<AnalyticsCleanupService>());
    }

    [Fact]
    public void Build_KnowledgeWatchNotABoolean_DoesNotBuild()
    {
        var config = Config("""{ "Knowledge": { "Watch": "sometimes" } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);

        Assert.Null(app);
        Assert.Equal(["Knowledge__Watch: 'sometimes' is not true or false"], problems);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", false)]
    [InlineData("64", true)]
    [InlineData(null, true)]
    public async Task Build_KnowledgeAnswerCacheSize_RepeatedQuestionsAreServedFromTheCacheOnlyWhenOn(string? size, bool cached)
    {
        var config = Config(size is null ? """{ "Knowledge": { "Watch": false } }""" : $$"""{ "Knowledge": { "Watch": false, "AnswerCacheSize": {{size}} } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;

        Assert.Empty(problems);
        var knowledge = app!.Services.GetRequiredService<KnowledgeHost>().Current;
        var first = knowledge.Ask("what is sextortion", new AskContext("US"));
        var again = knowledge.Ask("What is  sextortion", new AskContext("US"));
        Assert.Equal(first.Passages.Select(p => p.ArticleId), again.Passages.Select(p => p.ArticleId));
        Assert.Equal(cached, ReferenceEquals(first, again));
    }

    [Fact]
    public async Task Build_KnowledgePresentationSettings_ShapeTheAnswers()
    {
        var config = Config("""{ "Knowledge": { "Watch": false, "MaxSources": 1, "MaxHotlines": 1, "ArticleBaseUrl": "https://example.org/kb" } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;

        Assert.Empty(problems);
        var answer = app!.Services.GetRequiredService<KnowledgeHost>().Current.Ask("what is sextortion", new AskContext("US"));
        var passage = Assert.Single(answer.Passages);
        Assert.Single(passage.Sources);
        Assert.Single(answer.Hotlines);
        Assert.StartsWith("https://example.org/kb/", passage.Link!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AnswerCacheSize", "\"-1\"", "Knowledge__AnswerCacheSize: '-1' is not a whole number of at least 0")]
    [InlineData("AnswerCacheSize", "\"lots\"", "Knowledge__AnswerCacheSize: 'lots' is not a whole number of at least 0")]
    [InlineData("MaxHotlines", "\"0\"", "Knowledge__MaxHotlines: '0' is not a whole number of at least 1")]
    [InlineData("ArticleBaseUrl", "\"kb/articles\"", "Knowledge__ArticleBaseUrl: 'kb/articles' is not an absolute http or https address")]
    public void Build_KnowledgeSettingInvalid_DoesNotBuildAndNamesTheSetting(string key, string value, string problem)
    {
        var config = Config($$"""{ "Knowledge": { "{{key}}": {{value}} } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);

        Assert.Null(app);
        Assert.Equal([problem], problems);
    }

    [Fact]
    public async Task StartAsync_Running_DeletesExpiredQuestionsHourlyUntilStopped()
    {
        var config = Config($$"""{ "Knowledge": { "Watch": false }, "Analytics": { "DatabasePath": "{{Json(TempFile(".db", string.Empty))}}" } }""");
        var (app, _) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        await using var running = app;
        var store = app!.Services.GetRequiredService<GapAnalyticsStore>();
        var optedIn = new CommunitySettings { StoreRedactedQuestions = true, QuestionRetention = TimeSpan.FromDays(1) };
        var message = new IncomingMessage { Platform = "slack", CommunityId = "T1", ChannelId = "C1", UserId = "U1", Text = "q", Source = MessageSource.Mention };
        var declined = Reply.Text(ReplyKind.Declined, ReplyVisibility.Public, "no");

        await app.StartAsync();
        store.OnReplied(message, optedIn, declined);
        _time.Advance(TimeSpan.FromDays(1) + GapAnalyticsStore.CleanupInterval);
        var leftWhileRunning = store.DeleteExpired();
        await app.StopAsync();
        store.OnReplied(message, optedIn, declined);
        _time.Advance(TimeSpan.FromDays(1) + GapAnalyticsStore.CleanupInterval);
        var leftAfterStop = store.DeleteExpired();

        Assert.Equal(0, leftWhileRunning);
        Assert.Equal(1, leftAfterStop);
    }

    public void Dispose()
    {
        foreach (var file in _files) File.Delete(file);
        _folder.Dispose();
    }
}
