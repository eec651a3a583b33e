using System.Net;
using BotHost.Core.Adapters;
using BotHost.Discord.Gateway;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>The gateway client's session against the loopback gateway: connecting, identifying, heartbeats, dispatches.</summary>
public sealed class DiscordGatewayClientTests
{
    [Fact]
    public async Task Start_HelloReadyMessageCreate_IdentifiesConnectsAndDispatches()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var (socket, identify) = await harness.HelloAsync();
        await socket.SendAsync(harness.Ready);
        await socket.SendAsync(GatewayPayloadFiles.MessageCreate);
        var (name, data) = await harness.Dispatches.NextAsync();

        Assert.Equal("/gateway", socket.Path);
        Assert.Equal("?v=10&encoding=json", socket.Query);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        var d = identify.GetProperty("d");
        Assert.Equal(GatewayHarness.Token, d.GetProperty("token").GetString());
        Assert.Equal(4609, d.GetProperty("intents").GetInt32());
        Assert.Equal("[0,1]", d.GetProperty("shard").GetRawText());
        Assert.Equal("bothost", d.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal("MESSAGE_CREATE", name);
        Assert.Equal("334385199974967042", data.GetProperty("id").GetString());
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
        Assert.Equal(GatewayHarness.BotUserId, harness.Identity.UserId);
    }

    [Fact]
    public async Task Identify_ComparedWithTheExample_HasEveryFieldOfIt()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var example = GatewayHarness.Json(GatewayPayloadFiles.Read("discord-gateway-identify-minimal.json"));

        var (_, identify) = await harness.HelloAsync();

        foreach (var field in example.GetProperty("d").EnumerateObject())
        {
            Assert.Equal(field.Value.ValueKind, identify.GetProperty("d").GetProperty(field.Name).ValueKind);
        }

        foreach (var field in example.GetProperty("d").GetProperty("properties").EnumerateObject())
        {
            Assert.False(string.IsNullOrEmpty(identify.GetProperty("d").GetProperty("properties").GetProperty(field.Name).GetString()));
        }
    }

    [Fact]
    public async Task Heartbeat_AfterJitterThenEveryInterval_SendsTheLastSequence()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();
        await socket.SendAsync(GatewayPayloadFiles.MessageCreate);
        await harness.Dispatches.NextAsync();

        harness.Clock.Advance(GatewayHarness.FirstHeartbeat);
        var first = await socket.ReceiveAsync();
        await socket.SendAsync(GatewayPayloadFiles.HeartbeatAck);
        await GatewayHarness.SyncAsync(socket);
        harness.Clock.Advance(GatewayHarness.HeartbeatInterval);
        var second = await socket.ReceiveAsync();

        Assert.Contains(GatewayHarness.FirstHeartbeat, harness.Clock.Requested);
        Assert.Equal("""{"op":1,"d":42}""", first);
        Assert.Equal("""{"op":1,"d":42}""", second);
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
    }

    [Fact]
    public async Task Heartbeat_RequestedByDiscord_SentAtOnceWithTheLastSequence()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var (socket, _) = await harness.HelloAsync();

        await socket.SendAsync(GatewayPayloadFiles.Heartbeat);
        var beforeReady = await socket.ReceiveAsync();
        await socket.SendAsync(harness.Ready);
        await socket.SendAsync(GatewayPayloadFiles.Heartbeat);
        var afterReady = await socket.ReceiveAsync();

        Assert.Equal("""{"op":1,"d":null}""", beforeReady);
        Assert.Equal("""{"op":1,"d":1}""", afterReady);
    }

    [Fact]
    public async Task Receive_MessageInManyFrames_DispatchedWhole()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        await socket.SendFragmentedAsync(GatewayPayloadFiles.MessageCreate, frameBytes: 64);
        var (name, data) = await harness.Dispatches.NextAsync();

        Assert.Equal("MESSAGE_CREATE", name);
        Assert.Equal("Supa Hot", data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Dispatch_HandlerThrows_LoggedWithoutContentAndTheConnectionCarriesOn()
    {
        await using var harness = await GatewayHarness.StartAsync();
        harness.Dispatches.Failing.Add("MESSAGE_CREATE");
        var socket = await harness.ReadyAsync();

        await socket.SendAsync(GatewayPayloadFiles.MessageCreate);
        await harness.Dispatches.NextAsync();
        await socket.SendAsync(GatewayPayloadFiles.MessageCreate.Replace("\"s\": 42", "\"s\": 43", StringComparison.Ordinal));
        await harness.Dispatches.NextAsync();
        await GatewayHarness.SyncAsync(socket);

        Assert.Equal(2, harness.Logs.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("MESSAGE_CREATE", StringComparison.Ordinal)));
        Assert.Empty(harness.Logs.Containing("Supa Hot", LogLevel.Trace));
        Assert.Equal(1, harness.Server.Accepted);
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
    }

    [Fact]
    public async Task Identify_ShardOneOfTwo_WaitsForItsBucketThenSendsTheShard()
    {
        await using var harness = await GatewayHarness.StartAsync(o =>
        {
            o.ShardId = 1;
            o.ShardCount = 2;
        });

        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        var acceptedWhileWaiting = harness.Server.Accepted;
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var (_, identify) = await harness.HelloAsync();

        Assert.Equal(0, acceptedWhileWaiting);
        Assert.Equal("[1,2]", identify.GetProperty("d").GetProperty("shard").GetRawText());
    }

    [Fact]
    public async Task Identify_BucketHeldByAnotherShardProcess_ConnectsThenIdentifiesOnceTheClaimExpires()
    {
        await using var harness = await GatewayHarness.StartAsync(sharedClaims: true);
        harness.Claims!.TryClaim("discord-identify:0", GatewayIdentifyLimiter.Window); // another shard process just identified

        var socket = await harness.Server.NextSocketAsync();
        await socket.SendAsync(GatewayPayloadFiles.Hello);
        await harness.Clock.WaitForTimerAsync(GatewayIdentifyLimiter.ClaimRetry);
        var sentWhileHeld = await GatewayHarness.SyncAsync(socket);
        harness.Clock.Advance(GatewayIdentifyLimiter.Window);
        var identify = GatewayHarness.Json(await socket.ReceiveAsync());

        Assert.Empty(sentWhileHeld);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.Single(harness.Logs.Containing("another shard identified in bucket 0", LogLevel.Information));
    }

    [Fact]
    public async Task Identify_NoneRemainingToday_WaitsForTheResetWithAWarning()
    {
        await using var harness = await GatewayHarness.StartAsync(urls: u => u.Info = u.Info with { Remaining = 0, ResetAfter = TimeSpan.FromHours(1) });

        await harness.Clock.WaitForTimerAsync(TimeSpan.FromHours(1));
        var acceptedWhileWaiting = harness.Server.Accepted;
        harness.Clock.Advance(TimeSpan.FromHours(1));
        var (_, identify) = await harness.HelloAsync();

        Assert.Equal(0, acceptedWhileWaiting);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.NotEmpty(harness.Logs.Containing("IDENTIFY budget", LogLevel.Warning));
    }

    [Fact]
    public async Task Connect_NoHelloInTime_AbandonedAndRetried()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var silent = await harness.Server.NextSocketAsync();

        await harness.Clock.AdvanceWhenWaitingAsync(harness.Options.HelloTimeout);
        await silent.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        await harness.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1)); // second attempt: 2 s cap × 0.5
        var (socket, identify) = await harness.HelloAsync();

        Assert.Equal("/gateway", socket.Path);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.NotEmpty(harness.Logs.Containing("no HELLO", LogLevel.Warning));
    }

    [Fact]
    public async Task Start_GatewayOff_NeverConnects()
    {
        await using var harness = await GatewayHarness.StartAsync(o => o.Gateway = false);

        await harness.Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, harness.Urls.Calls);
        Assert.Equal(0, harness.Server.Accepted);
    }

    [Fact]
    public async Task Start_GatewayBotUnauthorized_FailedNamingTheTokenSetting()
    {
        await using var harness = await GatewayHarness.StartAsync(urls: u =>
            u.Failure = new HttpRequestException("401 Unauthorized", null, HttpStatusCode.Unauthorized));

        await harness.Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(AdapterState.Failed, harness.Adapter.Status.State);
        Assert.Contains("Discord__BotToken", harness.Adapter.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Accepted);
    }

    [Fact]
    public async Task Stop_Connected_ClosesWith1000()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var socket = await harness.ReadyAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await harness.Client.StopAsync(stop.Token);
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(socket.ClosedByClient);
        Assert.Equal(1000, socket.ClientCloseCode);
        Assert.True(harness.Client.ExecuteTask!.IsCompletedSuccessfully);
    }
}
