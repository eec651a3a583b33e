using BotHost.Console;
using BotHost.Console.Access;
using BotHost.Console.Preview;
using BotHost.Core;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

    public static async Task<ConsoleTestServer> StartAsync()
    {
        var knowledge = new KnowledgeCopy();
        var database = Path.Combine(knowledge.Root, "analytics.db");
        var time = new FakeTimeProvider(TestClock.Start);
        var logs = new RecordingLoggerProvider();
        var (host, diagnostics) = KnowledgeHost.Start(new KnowledgeOptions { Path = knowledge.Path }, time);
        if (host is null) throw new InvalidOperationException(string.Join('\n', diagnostics));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ConsoleSetup).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Configuration["Admin:Token"] = AdminToken;
        builder.Configuration["Analytics:DatabasePath"] = database;
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton<IKnowledgeProvider>(host);
        var communities = new TestCommunities([Guild, Team]);
        builder.Services.AddSingleton<ICommunityDirectory>(communities);
        builder.Services.AddSingleton<IConsoleCommunities>(communities);
        builder.Services.AddSingleton<IModeratorTokens>(new HashedModeratorTokens(
        [
            (new ModeratorCommunity(Guild.Platform, Guild.Id), HashedModeratorTokens.Hash(ModeratorToken)),
            (new ModeratorCommunity(Team.Platform, Team.Id), HashedModeratorTokens.Hash(OtherModeratorToken)),
        ]));
        builder.Services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.Section));
        builder.Services.AddOptions<AnalyticsOptions>().Bind(builder.Configuration.GetSection(AnalyticsOptions.Section));
        builder.Services.AddBotHostCore();
        builder.Services.AddBotHostConsole(new ConsoleSetup(ConsoleMode.Served, "BotHost console"));
        var app = builder.Build();
        app.MapBotHostConsole();
        await app.StartAsync();
        return new ConsoleTestServer(knowledge, database, time, logs, app);
    }

    /// <summary>A member's message through the real pipeline, as an adapter would send it (a mention in a channel).</summary>
    public Task<Reply> SendAsync(ConsoleCommunity community, string text, string user = "member-1") =>
        App.Services.GetRequiredService<MessagePipeline>().HandleAsync(new IncomingMessage
        {
            Platform = community.Platform,
            CommunityId = community.Id,
            ChannelId = "C-general",
            UserId = user,
            Text = text,
            Source = MessageSource.Mention,
            ReceivedAt = Time.GetUtcNow(),
        }, CancellationToken.None);

    public Task ClickFeedbackAsync(ConsoleCommunity community, string article, bool helpful) =>
        App.Services.GetRequiredService<IFeedbackRecorder>().RecordAsync(community.Platform, community.Id, article, helpful, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Knowledge.Dispose();
    }

    private sealed class TestCommunities(IReadOnlyList<ConsoleCommunity> all) : ICommunityDirectory, IConsoleCommunities
    {
        public IReadOnlyList<ConsoleCommunity> All => all;

        public CommunitySettings Find(string platform, string communityId) =>
            all.FirstOrDefault(c => c.Platform == platform && c.Id == communityId)?.Settings ?? CommunitySettings.Default;
    }
}
