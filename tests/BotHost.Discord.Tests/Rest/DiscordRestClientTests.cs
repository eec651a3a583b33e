using System.Text.RegularExpressions;
using BotHost.Discord.Rest;
using BotHost.Discord.Tests.Gateway;
using BotHost.Discord.Tests.Spec;
using BotHost.Discord.Wire;
using BotHost.Testing;
using BotHost.Testing.Discord;
using BotHost.Testing.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Tests.Rest;

/// <summary>The REST client against a loopback server answering as Discord does, including its 429s and rate-limit headers.</summary>
public sealed partial class DiscordRestClientTests : IAsyncLifetime, IDisposable
{
    private const string Token = "loopback-bot-token-0123456789";
    private const string Channel = "1000000000000000001";
    private const string Target = "POST channels/" + Channel + "/messages";
    private static readonly MessagePayload Hello = new() { Content = "hello" };

    private readonly ObservedTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();
    private LoopbackDiscordApi _api = null!;
    private ServiceProvider _services = null!;

    private DiscordRestClient Client => _services.GetRequiredService<DiscordRestClient>();

    public async Task InitializeAsync()
    {
        _api = await LoopbackDiscordApi.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = Token,
            ["Discord:ApiBaseUrl"] = _api.ApiBaseUrl.AbsoluteUri,
            ["Discord:MaxRetries"] = "2",
        }).Build();
        _services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<TimeProvider>(_time)
            .AddDiscord(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    public void Dispose()
    {
        _time.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task CreateMessage_Always_BotAuthorizationDiscordBotUserAgentAndJson()
    {
        await Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);

        var request = Assert.Single(_api.RequestsTo(Target));
        Assert.Equal($"Bot {Token}", request.Header("Authorization"));
        Assert.Matches(UserAgentPattern(), request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/channels/{channel_id}/messages", request.Body));
    }

    [Fact]
    public async Task CreateMessage_429WithRetryAfter_WaitsThatLongOnTheClockThenRetriesOnce()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.RateLimited(2.5));

        var sending = Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2.5));
        Assert.Single(_api.RequestsTo(Target));
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await sending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, _api.RequestsTo(Target).Count);
        Assert.Single(_logs.Containing("rate limited", LogLevel.Warning));
    }

    [Fact]
    public async Task CreateMessage_EmptyBucket_NextRequestWaitsForResetBeforeSending()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.LastInBucket("""{"id":"1"}""", 1.2));
        await Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);

        var second = Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1.2));
        Assert.Single(_api.RequestsTo(Target));
        _time.Advance(TimeSpan.FromSeconds(1.2));
        await second.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, _api.RequestsTo(Target).Count);
    }

    [Fact]
    public async Task CreateMessage_OtherChannelAfterBucketEmpty_NotHeldBack()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.LastInBucket("""{"id":"1"}""", 30));
        await Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);

        await Client.CreateMessageAsync("1000000000000000002", Hello, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Single(_api.RequestsTo("POST channels/1000000000000000002/messages"));
    }

    [Fact]
    public async Task GlobalLimit_429Global_OtherRoutesWaitToo()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.RateLimited(3, global: true));
        var first = Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(3));

        var other = Client.OpenDirectMessageAsync("1000000000000000009", CancellationToken.None);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        Assert.Empty(_api.RequestsTo("POST users/@me/channels"));
        _time.Advance(TimeSpan.FromSeconds(3));
        await Task.WhenAll(first, other).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Single(_api.RequestsTo("POST users/@me/channels"));
    }

    [Fact]
    public async Task CreateMessage_RateLimitedPastMaxRetries_FailsWithoutAStormAndWithoutTheToken()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.RateLimited(1), LoopbackDiscordApi.RateLimited(1), LoopbackDiscordApi.RateLimited(1), LoopbackDiscordApi.RateLimited(1));

        var sending = Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => sending.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(3, _api.RequestsTo(Target).Count);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMessage_RetryAfterLongerThanMax_FailsAtOnce()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.RateLimited(3600));

        await Assert.ThrowsAsync<DiscordApiException>(() => Client.CreateMessageAsync(Channel, Hello, CancellationToken.None));

        Assert.Single(_api.RequestsTo(Target));
    }

    [Fact]
    public async Task CreateMessage_JsonError_ExceptionCarriesDiscordsCode()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.Error(403, 50007, "Cannot send messages to this user"));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client.CreateMessageAsync(Channel, Hello, CancellationToken.None));

        Assert.Equal(50007, error.Code);
        Assert.Contains("POST channels/{channel.id}/messages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGatewayBot_DocsExample_UrlShardsAndIdentifyBudget()
    {
        _api.Enqueue("GET gateway/bot", LoopbackResponse.Json(DiscordSpecFiles.ReadPayload("discord-get-gateway-bot-response.json")));

        var info = await Client.GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal(new Uri("wss://gateway.discord.gg/"), info.Url);
        Assert.Equal(9, info.Shards);
        Assert.Equal(999, info.Remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(14400000), info.ResetAfter);
        Assert.Equal(1, info.MaxConcurrency);
    }

    [Fact]
    public async Task InteractionCallback_NoBotToken_NoAuthorizationHeaderAndTokenNotInLogs()
    {
        await Client.InteractionCallbackAsync("786008729715212338", "SECRET_INTERACTION_TOKEN", InteractionResponse.Pong, CancellationToken.None);

        var request = Assert.Single(_api.RequestsTo("POST interactions/786008729715212338/SECRET_INTERACTION_TOKEN/callback"));
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("SECRET_INTERACTION_TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateMessage_ServerError_NotRetriedSinceTheMessageMayHaveBeenPosted()
    {
        _api.Enqueue(Target, LoopbackDiscordApi.Error(502, 0, "Bad Gateway"));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client.CreateMessageAsync(Channel, Hello, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.Status);
        Assert.Single(_api.RequestsTo(Target));
        Assert.DoesNotContain(_time.Requested, due => due != RequestTimeout);
    }

    [Fact]
    public async Task GetGatewayBot_ServerError_RetriedAfterABackOffSinceAGetIsIdempotent()
    {
        _api.Enqueue("GET gateway/bot", LoopbackDiscordApi.Error(503, 0, "Service Unavailable"),
            LoopbackResponse.Json(DiscordSpecFiles.ReadPayload("discord-get-gateway-bot-response.json")));

        var fetching = Client.GetGatewayBotAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => BackOffs().Count == 1, "back-off timer");
        Assert.Single(_api.RequestsTo("GET gateway/bot"));
        _time.Advance(BackOffs()[0]);
        var info = await fetching.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(9, info.Shards);
        Assert.Equal(2, _api.RequestsTo("GET gateway/bot").Count);
    }

    [Fact]
    public async Task CreateMessage_NoAnswerWithinRequestTimeout_TimesOutOnTheClockAndIsNotRetried()
    {
        var never = new TaskCompletionSource();
        _api.Enqueue(Target, LoopbackResponse.Json("""{"id":"1"}""") with { Hold = never.Task });

        var sending = Client.CreateMessageAsync(Channel, Hello, CancellationToken.None);
        await _api.NextRequestAsync(Target);
        await _time.WaitForTimerAsync(RequestTimeout);
        _time.Advance(RequestTimeout);
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Single(_api.RequestsTo(Target));
    }

    private static TimeSpan RequestTimeout => new DiscordOptions().RequestTimeout;

    /// <summary>Timers other than an attempt's timeout: the retry back-offs.</summary>
    private List<TimeSpan> BackOffs() => [.. _time.Requested.Where(due => due != RequestTimeout)];

    [GeneratedRegex(@"^DiscordBot \(https://[^,]+, [0-9][0-9.]*\)$")]
    private static partial Regex UserAgentPattern();
}
