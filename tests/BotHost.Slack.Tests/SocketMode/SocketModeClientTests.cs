using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.SocketMode;

/// <summary>The Socket Mode client against scripted WebSockets and a fake clock.</summary>
public sealed class SocketModeClientTests
{
    private static readonly string MentionEnvelope = SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-events-api-app-mention.json");

    [Fact]
    public async Task Start_HelloThenEventsEnvelope_AckedWithItsIdAndAnsweredInTheThread()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var socket = await harness.Connector!.NextAsync();

        socket.PushHello();
        socket.Push(MentionEnvelope);
        var ack = await socket.NextSentAsync();
        var post = await harness.Services.Server.NextRequestAsync("chat.postMessage");

        Assert.Equal("""{"envelope_id":"xxx-11-222-yyy-zzz"}""", ack);
        Assert.Equal("1605853844.000800", post.Json().GetProperty("thread_ts").GetString());
        Assert.Equal("C111", post.Json().GetProperty("channel").GetString());
        Assert.Equal("Bearer " + TestOptions.AppToken, harness.Services.Server.RequestsTo("apps.connections.open")[0].Header("Authorization"));
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");
    }

    [Fact]
    public async Task Start_TwoConnections_SameEnvelopeOnBothAckedTwiceAnsweredOnce()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true, connections: 2);
        var first = await harness.Connector!.NextAsync();
        var second = await harness.Connector.NextAsync();
        first.PushHello();
        second.PushHello();

        first.Push(MentionEnvelope);
        second.Push(MentionEnvelope);
        var acks = new[] { await first.NextSentAsync(), await second.NextSentAsync() };
        await harness.Services.Server.NextRequestAsync("chat.postMessage");
        await StopAsync(harness);

        Assert.All(acks, a => Assert.Contains("xxx-11-222-yyy-zzz", a, StringComparison.Ordinal));
        Assert.Single(harness.Services.Server.RequestsTo("chat.postMessage"));
        Assert.Equal(2, harness.Services.Server.RequestsTo("apps.connections.open").Count);
    }

    [Fact]
    public async Task Disconnect_RefreshRequested_NewConnectionFirstAndTheOldOneStillAcksUntilThen()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var old = await harness.Connector!.NextAsync();
        old.PushHello();

        old.PushDisconnect("refresh_requested");
        var replacement = await harness.Connector.NextAsync();
        old.Push(harness.CommandEnvelope());
        var ackOnOld = await old.NextSentAsync();
        var closedBeforeHello = old.CloseRequested;
        replacement.PushHello();
        await Eventually.TrueAsync(() => old.CloseRequested, "old connection closed");
        replacement.Push(MentionEnvelope.Replace("xxx-11-222-yyy-zzz", "env-2", StringComparison.Ordinal));
        var ackOnNew = await replacement.NextSentAsync();

        Assert.False(closedBeforeHello);
        Assert.Contains("xxx-11-222-yyy-zzz", ackOnOld, StringComparison.Ordinal);
        Assert.Contains("env-2", ackOnNew, StringComparison.Ordinal);
        await harness.Services.Server.NextRequestAsync("hooks/cmd");
        await harness.Services.Server.NextRequestAsync("chat.postMessage");
        Assert.Equal(1, harness.Adapter.Status.Reconnects);
    }

    [Fact]
    public async Task Disconnect_LinkDisabled_FailedForGoodWithTheFix()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var socket = await harness.Connector!.NextAsync();
        socket.PushHello();

        socket.PushDisconnect("link_disabled");
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Failed, "failed");

        Assert.Contains("Slack__SocketMode", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.True(socket.CloseRequested);
        Assert.Equal(1, harness.Connector.Attempts);
        Assert.Single(harness.Services.Server.RequestsTo("apps.connections.open"));
    }

    [Fact]
    public async Task Disconnect_TooManyWebsockets_ClosesFirstThenReconnectsAfterBackingOff()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var socket = await harness.Connector!.NextAsync();
        socket.PushHello();
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");

        socket.PushDisconnect("too_many_websockets");
        await Eventually.TrueAsync(() => harness.Services.Time.Requested.Contains(TimeSpan.FromSeconds(1)), "back-off timer");
        var attemptsWhileBackingOff = harness.Connector.Attempts;
        harness.Services.Time.Advance(TimeSpan.FromSeconds(1));
        var next = await harness.Connector.NextAsync();

        Assert.True(socket.CloseRequested);
        Assert.Equal(1, attemptsWhileBackingOff);
        Assert.NotSame(socket, next);
        Assert.Single(harness.Services.Logs.Containing("too_many_websockets", Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task Connect_NoHelloInTime_AbandonedAndRetried()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var silent = await harness.Connector!.NextAsync();
        await Eventually.TrueAsync(() => harness.Services.Time.Requested.Contains(TimeSpan.FromSeconds(15)), "hello timer");

        harness.Services.Time.Advance(TimeSpan.FromSeconds(15));
        var next = await harness.Connector.NextAsync();
        next.PushHello();

        Assert.True(silent.CloseRequested || silent.Aborted);
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");
    }

    [Fact]
    public async Task Connect_WebSocketRefused_RetriesWithGrowingBackoff()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true);
        var first = await harness.Connector!.NextAsync();
        first.PushHello();
        harness.Connector.RefuseNext(2);

        first.PushDrop();
        await Eventually.TrueAsync(() => harness.Services.Time.Requested.Contains(TimeSpan.FromSeconds(1)), "second back-off");
        harness.Services.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => harness.Services.Time.Requested.Contains(TimeSpan.FromSeconds(2)), "third back-off");
        harness.Services.Time.Advance(TimeSpan.FromSeconds(2));
        var reconnected = await harness.Connector.NextAsync();
        reconnected.PushHello();

        Assert.Equal(4, harness.Connector.Attempts);
        await Eventually.TrueAsync(() => harness.Adapter.Status is { State: AdapterState.Connected, Reconnects: 1 }, "reconnected");
    }

    [Fact]
    public async Task Connect_AppTokenRejected_FailedNamingTheSetting()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true,
            beforeStart: s => s.Server.Enqueue("apps.connections.open", LoopbackResponse.Error("invalid_auth")));

        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Failed, "failed");

        Assert.Contains("Slack__AppToken", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, harness.Connector!.Attempts);
        Assert.Single(harness.Services.Server.RequestsTo("apps.connections.open"));
    }

    [Fact]
    public async Task Handle_QueueFull_EventLeftUnackedForSlackToRedeliverAndCommandToldBusy()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: true, configure: s =>
        {
            s["ReplyQueue:Capacity"] = "1";
            s["ReplyQueue:Workers"] = "1";
        });
        var socket = await harness.Connector!.NextAsync();
        socket.PushHello();
        var queue = harness.Services.Get<BotHost.Core.Adapters.BackgroundReplyQueue>();
        var gate = new TaskCompletionSource();
        Assert.True(queue.TryEnqueue("slack", "blocker", _ => gate.Task));
        await Eventually.TrueAsync(() => queue.Pending == 0, "the only worker is busy");
        Assert.True(queue.TryEnqueue("slack", "filler", _ => Task.CompletedTask));

        socket.Push(MentionEnvelope);
        socket.Push(harness.CommandEnvelope("cmd-1"));
        var only = await socket.NextSentAsync();
        gate.SetResult();

        using var ack = JsonDocument.Parse(only);
        Assert.Equal("cmd-1", ack.RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal("ephemeral", ack.RootElement.GetProperty("payload").GetProperty("response_type").GetString());
    }

    private static async Task StopAsync(SocketModeHarness harness)
    {
        await harness.Services.Get<BotHost.Slack.SocketMode.SocketModeClient>().StopAsync(CancellationToken.None);
        await harness.Services.Get<BotHost.Core.Adapters.BackgroundReplyQueue>().StopAsync(CancellationToken.None);
    }
}
