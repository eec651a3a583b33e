using System.Text;
using BotHost.Core;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Knowledge;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Tests.Privacy;

/// <summary>
/// Member text never reaches a log line at Information or above, and never reaches the analytics database unless a
/// community opted in (then only redacted): messages carrying a unique marker go through every handler of the real
/// pipeline (urgent, refusal, answer, decline, rate limit, commands) with every log level recorded.
/// </summary>
public sealed class MemberTextPrivacyTests : IDisposable
{
    private const string Marker = "qxzmarker";
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-privacy-").FullName;
    private readonly RecordingLoggerProvider _logs = new();
    private readonly KnowledgeBase _knowledge;

    public MemberTextPrivacyTests()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = RepositoryPaths.Knowledge }, new FakeTimeProvider(TestClock.Start));
        _knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    private string DbPath => Path.Combine(_folder, "analytics.db");

    private ServiceProvider Services(bool optIn)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestClock.Start));
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.Configure<AnalyticsOptions>(o => o.DatabasePath = DbPath);
        services.AddBotHostCore();
        services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_knowledge));
        services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(
            new CommunitySettings { Region = "US", AlertChannel = "mods", StoreRedactedQuestions = optIn }));
        services.AddSingleton<IModeratorAlertSender, NullSender>();
        return services.BuildServiceProvider();
    }

    private static readonly string[] Messages =
    [
        $"i want to kill myself {Marker}",
        $"he says hell post my nudes unless i pay {Marker}",
        $"where can i find cp {Marker}",
        $"what is sextortion {Marker}",
        $"how do i fix a flat tyre {Marker}",
        $"hotlines {Marker}",
        $"what is take it down {Marker}",
        $"what is thorn {Marker}",
        $"how do i bake bread {Marker}",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_EveryKindOfReply_NeverLogsTheTextAtInformationOrAbove(bool optIn)
    {
        await using (var services = Services(optIn))
        {
            var pipeline = services.GetRequiredService<MessagePipeline>();
            var kinds = new HashSet<ReplyKind>();
            foreach (var text in Messages)
            {
                var reply = await pipeline.HandleAsync(new IncomingMessage
                {
                    Platform = "test",
                    CommunityId = "g",
                    ChannelId = "c",
                    UserId = "member-7",
                    Text = text,
                    Source = MessageSource.Mention,
                }, CancellationToken.None);
                kinds.Add(reply.Kind);
            }

            Assert.Superset(new HashSet<ReplyKind> { ReplyKind.Urgent, ReplyKind.Refusal, ReplyKind.Answer, ReplyKind.Declined, ReplyKind.RateLimited }, kinds);
            Assert.Contains(_logs.Entries, e => e.Level >= LogLevel.Information);
            Assert.Empty(_logs.Containing(Marker, LogLevel.Information));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stored = Encoding.UTF8.GetString(File.ReadAllBytes(DbPath));
        Assert.DoesNotContain("member-7", stored, StringComparison.Ordinal);
        if (optIn)
        {
            Assert.Contains("how do i fix a flat tyre", stored, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(Marker, stored, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _logs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class NullSender : IModeratorAlertSender
    {
        public string Platform => "test";

        public Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
