using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Serve;

public sealed class AnalyticsCleanupServiceTests : IDisposable
{
    private static readonly CommunitySettings OptedIn = new() { StoreRedactedQuestions = true, QuestionRetention = TimeSpan.FromDays(1) };

    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-cleanup-").FullName;
    private readonly TimerCountingTimeProvider _time = new();

    private GapAnalyticsStore Store() => new(new SqliteAnalyticsStore(Options.Create(new AnalyticsOptions { DatabasePath = Path.Combine(_folder, "a.db") })), _time,
        NullLogger<GapAnalyticsStore>.Instance);

    private static void Decline(GapAnalyticsStore store) => store.OnReplied(
        new IncomingMessage { Platform = "slack", CommunityId = "T1", ChannelId = "C1", UserId = "U1", Text = "a question", Source = MessageSource.Mention },
        OptedIn, Reply.Text(ReplyKind.Declined, ReplyVisibility.Public, "no"));

    [Fact]
    public async Task StartAsync_QuestionPastItsRetention_DeletedByTheHourlyCleanup()
    {
        using var store = Store();
        var service = new AnalyticsCleanupService(store);
        Decline(store);

        await service.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1) + GapAnalyticsStore.CleanupInterval);

        Assert.Equal(0, store.DeleteExpired());
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_Running_NoCleanupTimerLeft()
    {
        using var store = Store();
        var service = new AnalyticsCleanupService(store);
        await service.StartAsync(CancellationToken.None);
        Assert.Equal(1, _time.ActiveTimers);

        await service.StopAsync(CancellationToken.None);
        Decline(store);
        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, _time.ActiveTimers);
        Assert.Equal(1, store.DeleteExpired());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
