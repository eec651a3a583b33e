using BotHost.Core.Adapters;
using BotHost.Testing.Discord;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>The gateway client losing its connection: resuming, starting over, and stopping for good.</summary>
public sealed class DiscordGatewayReconnectTests
{
    /// <summary>First reconnect after an established session: 1 s cap × 0.5.</summary>
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(0.5);

    [Fact]
    public async Task Socket_DroppedByDiscord_ResumesAtTheResumeUrlWithTheLastSequence()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();
        await socket.SendAsync(GatewayPayloadFiles.MessageCreate);
        await harness.Dispatches.NextAsync();

        socket.Abort();
        await harness.Clock.AdvanceWhenWaitingAsync(FirstBackoff);
        var (resumed, resume) = await harness.HelloAsync();
        await resumed.SendAsync(GatewayHarness.Resumed(43));
        var sentBeforeSync = await GatewayHarness.SyncAsync(resumed);

        Assert.Equal("/resume", resumed.Path);
        Assert.Equal("?v=10&encoding=json", resumed.Query);
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        var d = resume.GetProperty("d");
        Assert.Equal(GatewayHarness.Token, d.GetProperty("token").GetString());
        Assert.Equal(GatewayHarness.SessionId, d.GetProperty("session_id").GetString());
        Assert.Equal(42, d.GetProperty("seq").GetInt64());
        Assert.Empty(sentBeforeSync);
        Assert.Equal(1, harness.Urls.Calls);
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
        Assert.Equal(1, harness.Adapter.Status.Reconnects);
    }

    [Fact]
    public async Task Resume_ComparedWithTheExample_HasEveryFieldOfIt()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();
        var example = GatewayHarness.Json(GatewayPayloadFiles.Read("discord-gateway-resume.json"));

        socket.Abort();
        await harness.Clock.AdvanceWhenWaitingAsync(FirstBackoff);
        var (_, resume) = await harness.HelloAsync();

        Assert.Equal(example.GetProperty("op").GetInt32(), resume.GetProperty("op").GetInt32());
        foreach (var field in example.GetProperty("d").EnumerateObject())
        {
            Assert.Equal(field.Value.ValueKind, resume.GetProperty("d").GetProperty(field.Name).ValueKind);
        }
    }

    [Fact]
    public async Task Heartbeat_NotAcknowledged_ClosedKeepingTheSessionAndResumed()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        harness.Clock.Advance(GatewayHarness.FirstHeartbeat);
        var unanswered = await socket.ReceiveAsync();
        harness.Clock.Advance(GatewayHarness.HeartbeatInterval);
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        await harness.Clock.AdvanceWhenWaitingAsync(FirstBackoff);
        var (resumed, resume) = await harness.HelloAsync();

        Assert.Equal("""{"op":1,"d":1}""", unanswered);
        Assert.True(socket.ClosedByClient);
        Assert.NotNull(socket.ClientCloseCode);
        Assert.NotEqual(1000, socket.ClientCloseCode);
        Assert.NotEqual(1001, socket.ClientCloseCode);
        Assert.Equal("/resume", resumed.Path);
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(1, resume.GetProperty("d").GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAgainAtTheGatewayBotUrl()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        await socket.SendAsync(GatewayPayloadFiles.InvalidSession);
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        await harness.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3)); // 1 s + 4 s × 0.5
        await harness.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2)); // the rest of 5 s since the last IDENTIFY
        var (fresh, identify) = await harness.HelloAsync();
        await fresh.SendAsync(harness.Ready);
        await GatewayHarness.SyncAsync(fresh);

        Assert.NotEqual(1000, socket.ClientCloseCode);
        Assert.Equal("/gateway", fresh.Path);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.Equal(2, harness.Urls.Calls);
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
    }

    [Fact]
    public async Task InvalidSession_Resumable_ResumesAtOnce()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        await socket.SendAsync("""{"op":9,"d":true}""");
        var (resumed, resume) = await harness.HelloAsync();

        Assert.Equal("/resume", resumed.Path);
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task Reconnect_RequestedByDiscord_ClosesKeepingTheSessionAndResumesAtOnce()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        await socket.SendAsync(GatewayPayloadFiles.Reconnect);
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        var (resumed, resume) = await harness.HelloAsync();

        Assert.True(socket.ClosedByClient);
        Assert.NotEqual(1000, socket.ClientCloseCode);
        Assert.NotEqual(1001, socket.ClientCloseCode);
        Assert.Equal("/resume", resumed.Path);
        Assert.Equal(GatewayHarness.SessionId, resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(1, resume.GetProperty("d").GetProperty("seq").GetInt64());
    }

    [Theory]
    [InlineData(4000, "/resume", 6)]
    [InlineData(4008, "/resume", 6)]
    [InlineData(4007, "/gateway", 2)]
    [InlineData(4009, "/gateway", 2)]
    public async Task Close_ByDiscordWithAReconnectableCode_ResumesOrIdentifiesAsTheCodeSays(int code, string path, int op)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        await socket.CloseAsync(code, "closed by the test");
        await harness.Clock.AdvanceWhenWaitingAsync(FirstBackoff);
        if (op == 2) await harness.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4.5)); // the rest of 5 s since the last IDENTIFY
        var (next, answer) = await harness.HelloAsync();
        await socket.Closed.WaitAsync(LoopbackGatewaySocket.DefaultTimeout); // the server records the client's close answer on its own receive loop

        Assert.Equal(code, socket.ClientCloseCode);
        Assert.Equal(path, next.Path);
        Assert.Equal(op, answer.GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task Close_4004_FailedNamingTheTokenSettingAndNeverReconnects()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var (socket, _) = await harness.HelloAsync();

        await socket.CloseAsync(4004, "Authentication failed.");
        await harness.Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));
        harness.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(AdapterState.Failed, harness.Adapter.Status.State);
        Assert.Contains("4004", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Discord__BotToken", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Single(harness.Logs.Containing("Discord__BotToken", LogLevel.Error));
        Assert.Equal(1, harness.Server.Accepted);
    }

    [Fact]
    public async Task Close_4014_FailedNamingTheIntents()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var (socket, _) = await harness.HelloAsync();

        await socket.CloseAsync(4014, "Disallowed intent(s).");
        await harness.Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));
        harness.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(AdapterState.Failed, harness.Adapter.Status.State);
        Assert.Contains("4014", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("intent", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Developer Portal", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Accepted);
    }

    [Fact]
    public async Task Logs_IdentifyResumeInvalidSessionAndFatalClose_NeverContainTheTokenOrMessageText()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var first = await harness.ReadyAsync();
        await first.SendAsync(GatewayPayloadFiles.MessageCreate);
        await harness.Dispatches.NextAsync();
        harness.Clock.Advance(GatewayHarness.FirstHeartbeat);
        await first.ReceiveAsync();

        first.Abort();
        await harness.Clock.AdvanceWhenWaitingAsync(FirstBackoff);
        var (second, _) = await harness.HelloAsync();
        await second.SendAsync(GatewayPayloadFiles.InvalidSession);
        await harness.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3));
        var (third, _) = await harness.HelloAsync();
        await third.CloseAsync(4004, "Authentication failed.");
        await harness.Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(3, harness.Server.Accepted);
        Assert.NotEmpty(harness.Logs.Entries);
        Assert.Empty(harness.Logs.Containing(GatewayHarness.Token, LogLevel.Trace));
        Assert.Empty(harness.Logs.Containing("Supa Hot", LogLevel.Trace));
        Assert.DoesNotContain(GatewayHarness.Token, harness.Adapter.Status.Detail, StringComparison.Ordinal);
    }
}
