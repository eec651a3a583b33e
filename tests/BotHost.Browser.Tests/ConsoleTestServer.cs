using System.Text.Json;
using BotHost.Console.Access;
using BotHost.Console.Preview;
using BotHost.Console.Quality;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Browser.Tests;

/// <summary>
/// The console as <c>serve</c> hosts it (admin and moderator tokens, real pipeline, real SQLite analytics, the shipped
/// knowledge base copied to a temporary folder) on a loopback port, with a fake clock and every log line recorded.
/// </summary>
public sealed class ConsoleTestServer : IAsyncDisposable
{
    public const string AdminToken = "console-admin-token-0123456789";
    public const string ModeratorToken = "moderator-token-guild-1-abcdef";
    public const string OtherModeratorToken = "moderator-token-team-2-uvwxyz";

    public static readonly ConsoleCommunity Guild = new("discord", "guild-1", new CommunitySettings { Region = "US", StoreRedactedQuestions = true });
    public static readonly ConsoleCommunity Team = new("slack", "T0TEAM2", new CommunitySettings { Region = "GB", PrivateByDefault = true });

    private ConsoleTestServer(KnowledgeCopy knowledge, string database, FakeTimeProvider time, RecordingLoggerProvider logs, WebApplication app)
    {
        Knowledge = knowledge;
        DatabasePath = database;
        Time = time;
        Logs = logs;
        App = app;
    }

    public KnowledgeCopy Knowledge { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public RecordingLoggerProvider Logs { get; }

    public WebApplication App { get; }

    public string Url(string path) => App.Urls.First() + path;

    /// <summary>
    /// Starts <c>bothost serve</c> (<see cref="ServeHost.Build"/>) with the console on and a communities.yaml giving both
    /// communities a moderator token; <paramref name="extraSettings"/> adds top-level sections to the settings file.
    /// </summary>
    public static async Task<ConsoleTestServer> StartAsync(IReadOnlyDictionary<string, object>? extraSettings = null)
    {
        var knowledge = new KnowledgeCopy();
        var database = Path.Combine(knowledge.Root, "analytics.db");
        var communities = Path.Combine(knowledge.Root, "communities.yaml");
        await File.WriteAllTextAsync(communities, $"""
            communities:
              - platform: discord
                id: "{Guild.Id}"
                region: {Guild.Settings.Region}
                store_redacted_questions: true
                console_token_sha256: "{HashedModeratorTokens.Hash(ModeratorToken)}"
              - platform: slack
                id: "{Team.Id}"
                region: {Team.Settings.Region}
                private_by_default: true
                console_token_sha256: "{HashedModeratorTokens.Hash(OtherModeratorToken)}"
            """);
        var config = Path.Combine(knowledge.Root, "serve.json");
        var settings = new Dictionary<string, object>
        {
            ["Admin"] = new Dictionary<string, string> { ["Token"] = AdminToken },
            ["Analytics"] = new Dictionary<string, string> { ["DatabasePath"] = database },
            ["Console"] = new Dictionary<string, string> { ["Enabled"] = "true" },
            ["Knowledge"] = new Dictionary<string, string> { ["Watch"] = "false" },
            ["Logging"] = new Dictionary<string, object> { ["LogLevel"] = new Dictionary<string, string> { ["Default"] = "Trace" } },
        };
        foreach (var (section, value) in extraSettings ?? new Dictionary<string, object>()) settings[section] = value;
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(settings));
        var time = new FakeTimeProvider(TestClock.Start);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", knowledge.Path, config, communities), time);
        if (app is null) throw new InvalidOperationException(string.Join('\n', problems));
        var logs = new RecordingLoggerProvider();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync();
        return new ConsoleTestServer(knowledge, database, time, logs, app);
    }

    /// <summary>
    /// Measures the eval sets of the served knowledge version on the server side, with no browser timeout, so the quality
    /// page a test opens next renders at once: the page waits for that measurement, and on a loaded 2-core machine
    /// measuring every eval set of the shipped knowledge can take longer than a navigation may wait.
    /// </summary>
    public Task<QualityReport> MeasureQualityAsync() => App.Services.GetRequiredService<QualityService>().CurrentAsync();

    /// <summary>A member's message through the real pipeline, as an adapter would send it (a mention in a channel).</summary>
    /// <summary>Sends one message through the pipeline; its counts are written at once (serve writes them within <see cref="AnalyticsWriteBuffer.FlushInterval"/>).</summary>
    public async Task<Reply> SendAsync(ConsoleCommunity community, string text, string user = "member-1")
    {
        var reply = await App.Services.GetRequiredService<MessagePipeline>().HandleAsync(new IncomingMessage
        {
            Platform = community.Platform,
            CommunityId = community.Id,
            ChannelId = "C-general",
            UserId = user,
            Text = text,
            Source = MessageSource.Mention,
            ReceivedAt = Time.GetUtcNow(),
        }, CancellationToken.None);
        FlushAnalytics();
        return reply;
    }

    public async Task ClickFeedbackAsync(ConsoleCommunity community, string article, bool helpful)
    {
        await App.Services.GetRequiredService<IFeedbackRecorder>().RecordAsync(community.Platform, community.Id, article, helpful, CancellationToken.None);
        FlushAnalytics();
    }

    private void FlushAnalytics() => (App.Services.GetRequiredService<IAnalyticsStore>() as SqliteAnalyticsStore)?.Flush();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Knowledge.Dispose();
    }
}
