using System.Text.Json;
using BotHost.Slack.Api;
using BotHost.Slack.Tests.Fakes;
using BotHost.Slack.Wire;
using BotHost.Testing.Slack;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.Api;

public sealed class SlackApiClientTests
{
    [Fact]
    public async Task PostMessageAsync_Ok_BearerTokenAndJsonWithCharset()
    {
        await using var services = await SlackTestServices.StartAsync();
        var api = services.Get<SlackApiClient>();

        var result = await api.PostMessageAsync(new ChatPostMessageRequest("C1", "hello") { ThreadTs = "1.2" }, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(LoopbackSlackServer.PostedTs, result.Response!.Ts);
        var request = Assert.Single(services.Server.RequestsTo("chat.postMessage"));
        Assert.Equal("Bearer " + TestOptions.BotToken, request.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = request.Json();
        Assert.Equal("C1", body.GetProperty("channel").GetString());
        Assert.Equal("1.2", body.GetProperty("thread_ts").GetString());
        Assert.False(body.GetProperty("link_names").GetBoolean());
        Assert.False(body.TryGetProperty("blocks", out _));
    }

    [Fact]
    public async Task PostMessageAsync_NotInChannel_ErrorAndALogLineTellingTheAdminToInviteTheBot()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.Error("not_in_channel"));

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("not_in_channel", result.Error);
        var line = Assert.Single(services.Logs.Containing("not_in_channel", LogLevel.Warning));
        Assert.Contains("/invite @BotHost", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthTestAsync_InvalidAuth_ErrorLogNamesTheSettingButNotTheToken()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("auth.test", LoopbackResponse.Error("invalid_auth"));

        var result = await services.Get<SlackApiClient>().AuthTestAsync(CancellationToken.None);

        Assert.Equal("invalid_auth", result.Error);
        var line = Assert.Single(services.Logs.Containing("invalid_auth", LogLevel.Error));
        Assert.Contains("Slack__BotToken", line.Message, StringComparison.Ordinal);
        Assert.Empty(services.Logs.Containing(TestOptions.BotToken, LogLevel.Trace));
    }

    [Fact]
    public async Task OpenSocketConnectionAsync_AppToken_SentAsBearerNeverAsParameter()
    {
        await using var services = await SlackTestServices.StartAsync();

        var result = await services.Get<SlackApiClient>().OpenSocketConnectionAsync(CancellationToken.None);

        Assert.True(result.Ok);
        var request = Assert.Single(services.Server.RequestsTo("apps.connections.open"));
        Assert.Equal("Bearer " + TestOptions.AppToken, request.Header("Authorization"));
        Assert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task PostMessageAsync_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.RateLimited(3));
        var api = services.Get<SlackApiClient>();

        var call = api.PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);
        await services.Server.NextRequestAsync("chat.postMessage");
        await services.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        services.Time.Advance(TimeSpan.FromSeconds(2.9));
        var beforeRetryAfter = services.Server.RequestsTo("chat.postMessage").Count;
        services.Time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, beforeRetryAfter);
        Assert.True(result.Ok);
        Assert.Equal(2, services.Server.RequestsTo("chat.postMessage").Count);
        Assert.Single(services.Time.Requested, due => due == TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task PostEphemeralAsync_WhilePostMessageIsRateLimited_NotDelayed()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.RateLimited(30));
        var api = services.Get<SlackApiClient>();
        var limited = api.PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);
        await services.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));

        var other = await api.PostEphemeralAsync(new ChatPostEphemeralRequest("C1", "U1", "hi"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(other.Ok);
        Assert.False(limited.IsCompleted);
        Assert.Equal(TimeSpan.FromSeconds(30), services.Get<SlackRateLimiter>().RemainingPause("chat.postMessage"));
        services.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await limited.WaitAsync(TimeSpan.FromSeconds(20))).Ok);
    }

    [Fact]
    public async Task PostMessageAsync_StillRateLimitedAfterMaxRetries_GivesUp()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:MaxRetries"] = "1");
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.RateLimited(1), LoopbackResponse.RateLimited(1));
        var call = services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);
        await services.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        services.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(SlackApiErrors.RateLimited, result.Error);
        Assert.Equal(2, services.Server.RequestsTo("chat.postMessage").Count);
        Assert.Single(services.Logs.Containing("giving up", LogLevel.Warning));
    }

    [Fact]
    public async Task PostMessageAsync_RetryAfterLongerThanAllowed_FailsAtOnce()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:MaxRetryAfter"] = "00:00:10");
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.RateLimited(60));

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.Equal(SlackApiErrors.RateLimited, result.Error);
        Assert.Single(services.Server.RequestsTo("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessageAsync_NoBotToken_NotCalledAndTheSettingNamed()
    {
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:BotToken"] = null);

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.Equal(SlackApiErrors.NotConfigured, result.Error);
        Assert.Empty(services.Server.Requests);
        Assert.Single(services.Logs.Containing("Slack__BotToken is not set", LogLevel.Error));
    }

    [Fact]
    public async Task PostMessageAsync_NotSlackJson_InvalidResponse()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", new LoopbackResponse(200, "<html>proxy</html>", "text/html"));

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.Equal(SlackApiErrors.InvalidResponse, result.Error);
    }

    [Fact]
    public async Task RespondAsync_ExpiredUrl_ErrorCodeReturnedAndTheUrlNeverLogged()
    {
        await using var services = await SlackTestServices.StartAsync();
        var url = services.Server.ResponseUrl("T1/123/secret-part");
        services.Server.Enqueue("hooks/T1/123/secret-part", new LoopbackResponse(404, "expired_url", "text/plain"));

        var error = await services.Get<SlackApiClient>().RespondAsync(url, new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, "hi"), CancellationToken.None);

        Assert.Equal("expired_url", error);
        var request = Assert.Single(services.Server.RequestsTo("hooks/T1/123/secret-part"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("ephemeral", JsonDocument.Parse(request.Body).RootElement.GetProperty("response_type").GetString());
        Assert.Empty(services.Logs.Containing("secret-part", LogLevel.Trace));
    }

    [Fact]
    public async Task PostMessageAsync_ServerError_NotRetriedSinceTheMessageMayHaveBeenPosted()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", new LoopbackResponse(503, "upstream busy", "text/plain"));

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.Equal("http_503", result.Error);
        Assert.Single(services.Server.RequestsTo("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessageAsync_NoAnswerWithinRequestTimeout_UnreachableOnTheClockAndNotRetried()
    {
        await using var services = await SlackTestServices.StartAsync();
        var never = new TaskCompletionSource();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.Json("""{"ok":true}""") with { Hold = never.Task });
        var timeout = new SlackOptions().RequestTimeout;

        var call = services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);
        await services.Server.NextRequestAsync("chat.postMessage");
        await services.Time.WaitForTimerAsync(timeout);
        services.Time.Advance(timeout);
        var result = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(SlackApiErrors.Unreachable, result.Error);
        Assert.Single(services.Server.RequestsTo("chat.postMessage"));
        Assert.Single(services.Logs.Containing("(timeout)", LogLevel.Warning));
    }

    [Fact]
    public async Task RespondAsync_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        await using var services = await SlackTestServices.StartAsync();
        var url = services.Server.ResponseUrl("T1/123/part");
        services.Server.Enqueue("hooks/T1/123/part", LoopbackResponse.RateLimited(2));

        var call = services.Get<SlackApiClient>().RespondAsync(url, new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, "hi"), CancellationToken.None);
        await services.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        var beforeRetryAfter = services.Server.RequestsTo("hooks/T1/123/part").Count;
        services.Time.Advance(TimeSpan.FromSeconds(2));
        var error = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Null(error);
        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal(2, services.Server.RequestsTo("hooks/T1/123/part").Count);
    }

    [Fact]
    public async Task PostMessageAsync_SlackUnreachable_UnreachableWithoutRetry()
    {
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var closed = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        await using var services = await SlackTestServices.StartAsync(s => s["Slack:ApiBaseUrl"] = $"http://127.0.0.1:{closed}/api/");

        var result = await services.Get<SlackApiClient>().PostMessageAsync(new ChatPostMessageRequest("C1", "hello"), CancellationToken.None);

        Assert.Equal(SlackApiErrors.Unreachable, result.Error);
        Assert.Single(services.Logs.Containing("could not be reached", LogLevel.Warning));
    }
}
