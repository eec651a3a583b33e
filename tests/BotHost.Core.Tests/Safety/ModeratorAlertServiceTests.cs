using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Safety;
using BotHost.Core.State;
using BotHost.Testing;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Tests.Safety;

public sealed class ModeratorAlertServiceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _sender = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly CommunitySettings _community = new() { Region = "US", AlertChannel = "mod-alerts" };

    private readonly EmbeddedState _state;

    public ModeratorAlertServiceTests() => _state = new EmbeddedState(_time);

    private ModeratorAlertService Service() => new([_sender], MemberKey.Random(), _state.Claims, _state.Counter, _state.Limits, _time, _logs.CreateLogger<ModeratorAlertService>());

    private static IncomingMessage Message(string user, string community = "guild-1", string text = "secret words 4411") => new()
    {
        Platform = "test",
        CommunityId = community,
        ChannelId = "general",
        UserId = user,
        Text = text,
        Source = MessageSource.Mention,
        MessageLink = new Uri("https://chat.example/m/1"),
    };

    [Fact]
    public async Task RaiseAsync_UrgentMessage_SendsCategoryChannelLinkAndTimeOnly()
    {
        await Service().RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);

        var alert = Assert.Single(_sender.Alerts);
        Assert.Equal(new ModeratorAlert("test", "guild-1", "mod-alerts", UrgencyCategory.SelfHarm, "general", new Uri("https://chat.example/m/1"), _time.GetUtcNow(), 1), alert);
        Assert.Empty(_logs.Containing("secret words 4411", LogLevel.Trace));
    }

    [Fact]
    public async Task RaiseAsync_NoAlertChannel_SendsNothing()
    {
        await Service().RaiseAsync(Message("u1"), _community with { AlertChannel = null }, UrgencyCategory.SelfHarm, CancellationToken.None);

        Assert.Empty(_sender.Alerts);
    }

    [Fact]
    public async Task RaiseAsync_SameMemberWithinTenMinutes_MergesIntoTheNextAlert()
    {
        var service = Service();
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.ImmediateDanger, CancellationToken.None);

        Assert.Single(_sender.Alerts);

        _time.Advance(TimeSpan.FromMinutes(5));
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);

        Assert.Equal(2, _sender.Alerts.Count);
        Assert.Equal(3, _sender.Alerts[1].MergedCount);
    }

    [Fact]
    public async Task RaiseAsync_DifferentMembers_AreNotMerged()
    {
        var service = Service();
        await service.RaiseAsync(Message("u1"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);
        await service.RaiseAsync(Message("u2"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);

        Assert.Equal(2, _sender.Alerts.Count);
    }

    [Fact]
    public async Task RaiseAsync_Flood_StopsAtTheLimitPerCommunityThenResumes()
    {
        var service = Service();
        for (var i = 0; i < 25; i++) await service.RaiseAsync(Message($"raider-{i}"), _community, UrgencyCategory.ImmediateDanger, CancellationToken.None);
        await service.RaiseAsync(Message("other", community: "guild-2"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);

        Assert.Equal(ModeratorAlertService.FloodLimit, _sender.Alerts.Count(a => a.CommunityId == "guild-1"));
        Assert.Single(_sender.Alerts, a => a.CommunityId == "guild-2");

        _time.Advance(ModeratorAlertService.MergeWindow);
        await service.RaiseAsync(Message("late"), _community, UrgencyCategory.SelfHarm, CancellationToken.None);

        Assert.Equal(ModeratorAlertService.FloodLimit + 1, _sender.Alerts.Count(a => a.CommunityId == "guild-1"));
    }

    public void Dispose() => _logs.Dispose();

    private sealed class RecordingSender : IModeratorAlertSender
    {
        public List<ModeratorAlert> Alerts { get; } = [];

        public string Platform => "test";

        public Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken)
        {
            Alerts.Add(alert);
            return Task.CompletedTask;
        }
    }
}
