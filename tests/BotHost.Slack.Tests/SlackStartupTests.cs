using BotHost.Core.Adapters;
using BotHost.Slack.Api;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests;

public sealed class SlackStartupTests
{
    [Fact]
    public async Task GetAsync_BotTokenRejected_AdapterFailedNamingTheSettingAndRetriedOnlyAfterAMinute()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("auth.test", LoopbackResponse.Error("invalid_auth"));
        var identity = services.Get<SlackBotIdentity>();

        var first = await identity.GetAsync(CancellationToken.None);
        var soon = await identity.GetAsync(CancellationToken.None);
        services.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await identity.GetAsync(CancellationToken.None);

        Assert.Null(first);
        Assert.Null(soon);
        Assert.Equal(LoopbackSlackServer.BotUserId, later!.UserId);
        Assert.Equal(2, services.Server.RequestsTo("auth.test").Count);
        var status = services.Get<SlackAdapter>().Status;
        Assert.Equal(AdapterState.Failed, status.State);
        Assert.Contains("Slack__BotToken", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Identified_CachedWithWorkspaceUrl()
    {
        await using var services = await SlackTestServices.StartAsync();
        var identity = services.Get<SlackBotIdentity>();

        await identity.GetAsync(CancellationToken.None);
        var again = await identity.GetAsync(CancellationToken.None);

        Assert.Equal(new BotIdentity(LoopbackSlackServer.BotUserId, LoopbackSlackServer.BotId, "T111", new Uri("https://loopback.slack.com/")), again);
        Assert.Single(services.Server.RequestsTo("auth.test"));
    }

    [Fact]
    public async Task StartAsync_NoBotToken_WarnsWhatDoesNotWork()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:BotToken"] = null);
        var startup = services.Provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SlackStartup>().Single();

        await startup.StartAsync(CancellationToken.None);
        await startup.StopAsync(CancellationToken.None);

        Assert.Single(services.Logs.Containing("Slack__BotToken is not set", LogLevel.Warning));
        Assert.Empty(services.Server.Requests);
    }
}
