using BotHost.Core.Adapters;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;

namespace BotHost.Slack.Tests;

public sealed class SlackAdapterTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public void Status_NothingConfigured_DisabledNamingTheSettings()
    {
        var adapter = new SlackAdapter(TestOptions.Wrap(new SlackOptions()), _time);

        Assert.Equal(AdapterState.Disabled, adapter.Status.State);
        Assert.Contains("Slack__SigningSecret", adapter.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_HttpMode_ConnectedOnceMapped()
    {
        var adapter = new SlackAdapter(TestOptions.Wrap(TestOptions.Create()), _time);
        var before = adapter.Status.State;

        _time.Advance(TimeSpan.FromSeconds(3));
        adapter.HttpMapped();

        Assert.Equal(AdapterState.Connecting, before);
        Assert.Equal(AdapterState.Connected, adapter.Status.State);
        Assert.Equal(_time.GetUtcNow(), adapter.Status.Since);
    }

    [Fact]
    public void Status_SocketMode_ConnectingConnectedDisconnectedAndReconnectsCounted()
    {
        var adapter = new SlackAdapter(TestOptions.Wrap(TestOptions.Create(change: o => o.SocketMode = true)), _time);
        var states = new List<AdapterState> { adapter.Status.State };

        adapter.SocketOpened();
        states.Add(adapter.Status.State);
        adapter.SocketClosed();
        states.Add(adapter.Status.State);
        adapter.SocketOpened();
        states.Add(adapter.Status.State);

        Assert.Equal([AdapterState.Connecting, AdapterState.Connected, AdapterState.Disconnected, AdapterState.Connected], states);
        Assert.Equal(1, adapter.Status.Reconnects);
    }

    [Fact]
    public void Fail_AnyState_FailedWithTheFix()
    {
        var adapter = new SlackAdapter(TestOptions.Wrap(TestOptions.Create()), _time);
        adapter.HttpMapped();

        adapter.Fail("Slack rejected Slack__BotToken");

        Assert.Equal(AdapterState.Failed, adapter.Status.State);
        Assert.Equal("Slack rejected Slack__BotToken", adapter.Status.Detail);
    }
}
