using BotHost.Core.Adapters;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Tests;

public sealed class DiscordAdapterTests
{
    private static DiscordAdapter Adapter(DiscordOptions options) => new(Options.Create(options), new FakeTimeProvider(TestClock.Start));

    [Fact]
    public void Status_NoSettings_DisabledNamingTheSettings()
    {
        var status = Adapter(new DiscordOptions()).Status;

        Assert.Equal(AdapterState.Disabled, status.State);
        Assert.Contains("Discord__PublicKey", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_GatewayReadyLostReady_CountsOneReconnect()
    {
        var adapter = Adapter(new DiscordOptions { BotToken = "t" });
        Assert.Equal(AdapterState.Connecting, adapter.Status.State);

        adapter.GatewayReady();
        adapter.GatewayLost();
        Assert.Equal(AdapterState.Disconnected, adapter.Status.State);
        adapter.GatewayReady();

        Assert.Equal(AdapterState.Connected, adapter.Status.State);
        Assert.Equal(1, adapter.Status.Reconnects);
    }

    [Fact]
    public void Status_Failed_ReportsTheCause()
    {
        var adapter = Adapter(new DiscordOptions { BotToken = "t" });
        adapter.GatewayReady();

        adapter.Fail("gateway closed with 4004: the bot token was rejected");

        Assert.Equal(AdapterState.Failed, adapter.Status.State);
        Assert.Contains("4004", adapter.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_PublicKeyOnlyMapped_Connected()
    {
        var adapter = Adapter(new DiscordOptions { PublicKey = new string('a', 64), Gateway = true });
        Assert.Equal(AdapterState.Connecting, adapter.Status.State);

        adapter.InteractionsMapped();

        Assert.Equal(AdapterState.Connected, adapter.Status.State);
    }
}
