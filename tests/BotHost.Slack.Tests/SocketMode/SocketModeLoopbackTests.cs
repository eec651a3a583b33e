using BotHost.Core.Adapters;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.SocketMode;

/// <summary>
/// Socket Mode over real WebSockets (ClientWebSocket) to the loopback Slack server (Kestrel): the same frames and the
/// same handshakes as Slack's.
/// </summary>
public sealed class SocketModeLoopbackTests
{
    private static readonly string MentionEnvelope = SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-events-api-app-mention.json");

    [Fact]
    public async Task Start_HelloAndEnvelopes_EachAckedWithItsIdAndAnswered()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: false);
        var socket = await harness.Services.Server.NextSocketAsync();

        await socket.SendAsync(MentionEnvelope);
        var eventAck = await socket.ReceiveAsync();
        await socket.SendAsync(harness.CommandEnvelope("cmd-1"));
        var commandAck = await socket.ReceiveAsync();
        var posted = await harness.Services.Server.NextRequestAsync("chat.postMessage");
        var responded = await harness.Services.Server.NextRequestAsync("hooks/cmd");

        Assert.Equal("""{"envelope_id":"xxx-11-222-yyy-zzz"}""", eventAck);
        Assert.Equal("""{"envelope_id":"cmd-1"}""", commandAck);
        Assert.Equal("1605853844.000800", posted.Json().GetProperty("thread_ts").GetString());
        Assert.Equal("ephemeral", responded.Json().GetProperty("response_type").GetString());
        Assert.Contains("ticket=1", socket.Query, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");
    }

    [Fact]
    public async Task Disconnect_RefreshRequested_HandoverLosesNoEnvelope()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: false);
        var server = harness.Services.Server;
        var old = await server.NextSocketAsync();
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");
        server.AutoHello = false;

        await old.SendDisconnectAsync("refresh_requested");
        var replacement = await server.NextSocketAsync();
        await old.SendAsync(MentionEnvelope.Replace("xxx-11-222-yyy-zzz", "during-handover", StringComparison.Ordinal)
            .Replace("Ev01ERKCFKK9", "EvDuring", StringComparison.Ordinal));
        var ackOnOld = await old.ReceiveAsync();
        var oldOpenUntilHello = !old.Closed.IsCompleted;
        await replacement.SendHelloAsync();
        await old.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        await replacement.SendAsync(MentionEnvelope.Replace("xxx-11-222-yyy-zzz", "after-handover", StringComparison.Ordinal)
            .Replace("Ev01ERKCFKK9", "EvAfter", StringComparison.Ordinal));
        var ackOnNew = await replacement.ReceiveAsync();
        await server.NextRequestAsync("chat.postMessage");
        await server.NextRequestAsync("chat.postMessage");

        Assert.Equal("""{"envelope_id":"during-handover"}""", ackOnOld);
        Assert.True(oldOpenUntilHello);
        Assert.True(old.ClosedByBot);
        Assert.Equal("""{"envelope_id":"after-handover"}""", ackOnNew);
        Assert.Equal(2, server.RequestsTo("apps.connections.open").Count);
        Assert.Equal(2, server.RequestsTo("chat.postMessage").Count);
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
    }

    [Fact]
    public async Task Socket_Dropped_ReconnectsAndKeepsAnswering()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: false);
        var server = harness.Services.Server;
        var first = await server.NextSocketAsync();
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");

        first.Abort();
        var second = await server.NextSocketAsync();
        await second.SendAsync(MentionEnvelope);
        var ack = await second.ReceiveAsync();
        await server.NextRequestAsync("chat.postMessage");

        Assert.Equal("""{"envelope_id":"xxx-11-222-yyy-zzz"}""", ack);
        Assert.False(first.ClosedByBot);
        Assert.Equal(2, server.RequestsTo("apps.connections.open").Count);
        await Eventually.TrueAsync(() => harness.Adapter.Status is { State: AdapterState.Connected, Reconnects: 1 }, "reconnected");
        Assert.Single(harness.Services.Logs.Containing("dropped", Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task Interactive_FeedbackClick_AckedCountedAndThankedPrivately()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: false);
        var socket = await harness.Services.Server.NextSocketAsync();
        var envelope = SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-interactive-block-actions.json")
            .Replace("\"action_id\": \"a\"", "\"action_id\": \"bothost_feedback_helpful\"", StringComparison.Ordinal)
            .Replace("\"value\": \"underlying\"", "\"value\": \"answer:sextortion\"", StringComparison.Ordinal)
            .Replace("https://hooks.slack.com/actions/T111/111/xxx", harness.Services.Server.ResponseUrl("click").AbsoluteUri, StringComparison.Ordinal);

        await socket.SendAsync(envelope);
        var ack = await socket.ReceiveAsync();
        await harness.Services.Feedback.WaitAsync();
        var thanks = await harness.Services.Server.NextRequestAsync("hooks/click");

        Assert.Equal("""{"envelope_id":"xxx-11-222-yyy-zzz"}""", ack);
        Assert.Equal(("slack", "T111", "sextortion", true), Assert.Single(harness.Services.Feedback.Votes));
        Assert.Equal("ephemeral", thanks.Json().GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Stop_OpenConnection_ClosedWithTheHandshake()
    {
        var harness = await SocketModeHarness.StartAsync(scripted: false);
        var socket = await harness.Services.Server.NextSocketAsync();
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");

        await harness.DisposeAsync();

        Assert.True(socket.Closed.IsCompleted);
        Assert.True(socket.ClosedByBot);
    }
}
