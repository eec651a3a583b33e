using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Serve;
using BotHost.Testing;
using BotHost.Testing.Discord;
using BotHost.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Faults;

/// <summary>
/// SIGTERM to a real <c>bothost serve</c> process while it has work: every Slack command it acknowledged is answered,
/// a request in flight gets its response, a Discord interaction it deferred gets its edit, and the process exits 0
/// after logging its drain; the host's shutdown timeout is above the reply queue's drain (issue #16, point 1).
/// </summary>
public sealed class ServeShutdownTests : IDisposable
{
    private const string SigningSecret = "shutdown-test-signing-secret";
    private const string AdminToken = "shutdown-test-admin-token";
    private const int Commands = 12;
    private const string ApplicationId = "775799577604522054";
    private const string GuildId = "290926798626357999";
    private const string AlertChannel = "444444444444444444";
    private const string AlertMessages = "POST channels/" + AlertChannel + "/messages";
    private const string OriginalResponse = "PATCH webhooks/" + ApplicationId + "/A_UNIQUE_TOKEN/messages/@original";

    /// <summary>
    /// An urgent <c>/ask</c> (the repository's urgent.yaml) in a guild with a moderator alert channel: the answer waits for the alert, which the loopback
    /// Discord API holds, so the interaction is deferred and its edit is queued until the test lets the alert through.
    /// </summary>
    private static readonly string UrgentAsk = $$$"""
        {"id":"786008729715212338","application_id":"{{{ApplicationId}}}","type":2,"token":"A_UNIQUE_TOKEN","version":1,"guild_id":"{{{GuildId}}}",
         "channel_id":"645027906669510667","member":{"user":{"id":"53908232506183680","username":"m"}},
         "data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"i want to kill myself"}]}}
        """;

    /// <summary>System.CommandLine's default grace after SIGTERM was 2 seconds; the work here is held for longer.</summary>
    private static readonly TimeSpan BeyondTheOldCut = TimeSpan.FromSeconds(3);

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"bothost-shutdown-{Guid.NewGuid():N}.db");
    private readonly string _communities = Path.Combine(Path.GetTempPath(), $"bothost-shutdown-{Guid.NewGuid():N}.yaml");
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"bothost-shutdown-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Serve_SigTermWithQueuedCommandsAndAnAskInFlight_AnswersEveryOneAndExitsZero()
    {
        await using var slack = await LoopbackSlackServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < Commands; i++) slack.Enqueue(Hook(i), new LoopbackResponse(200, "ok", "text/plain") { Hold = release.Task });
        await using var serve = await ServeProcess.StartAsync(_folder.Path, Environment(slack));
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) }) { BaseAddress = serve.BaseUrl };
        for (var i = 0; i < Commands; i++)
        {
            using var acknowledged = await http.SendAsync(SignedCommand(slack, i));
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        await slack.NextRequestAsync(Hook(0), TimeSpan.FromMinutes(1));
        var (ask, body) = StartAsk(http);
        await body.Started;

        serve.Terminate();
        await serve.WaitForLineAsync("Application is shutting down");
        var exitedEarly = await Task.WhenAny(serve.Exited, Task.Delay(BeyondTheOldCut)) == serve.Exited;
        body.Finish();
        using var answer = await ask;
        release.SetResult();
        await serve.Exited.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(exitedEarly, serve.Output);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"kind\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, Commands), i => Assert.Single(slack.RequestsTo(Hook(i))));
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("queued replies were answered", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SigTermWithADeferredDiscordAskWhoseEditIsQueued_EditDeliveredAndExitsZero()
    {
        await using var discord = await LoopbackDiscordApi.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        discord.Enqueue(AlertMessages, new LoopbackResponse(200, """{"id":"1300000000000000001"}""") { Hold = release.Task });
        await File.WriteAllTextAsync(_communities, $"""
            communities:
              - platform: discord
                id: "{GuildId}"
                region: US
                alert_channel: "{AlertChannel}"
            """);
        await using var serve = await ServeProcess.StartAsync(RepositoryPaths.Knowledge, DiscordEnvironment(discord));
        using var http = new HttpClient { BaseAddress = serve.BaseUrl };

        using var deferred = await http.SendAsync(DiscordSigner.SignedPost("/discord/interactions", UrgentAsk));
        using var json = JsonDocument.Parse(await deferred.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("type").GetInt32() == 5, "not deferred: " + json.RootElement.GetRawText() + "\n" + serve.Output);
        await discord.NextRequestAsync(AlertMessages, TimeSpan.FromMinutes(1));
        serve.Terminate();
        await serve.WaitForLineAsync("Application is shutting down");
        var exitedEarly = await Task.WhenAny(serve.Exited, Task.Delay(BeyondTheOldCut)) == serve.Exited;
        release.SetResult();
        await serve.Exited.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(exitedEarly, serve.Output);
        var edit = Assert.Single(discord.RequestsTo(OriginalResponse));
        Assert.Contains("\"embeds\"", edit.Body, StringComparison.Ordinal);
        Assert.Equal(0, serve.ExitCode);
        Assert.DoesNotContain("drain time ran out", serve.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00:00:45")]
    public async Task Build_ReplyQueueDrain_HostShutdownTimeoutIsAboveTheDrain(string? drain)
    {
        var database = _database.Replace("\\", "/", StringComparison.Ordinal);
        var queue = drain is null ? string.Empty : $$""", "ReplyQueue": { "DrainTimeout": "{{drain}}" }""";
        await File.WriteAllTextAsync(_config, $$"""{ "Analytics": { "DatabasePath": "{{database}}" }{{queue}} }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), TimeProvider.System);
        await using var built = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        var queueDrain = built.Services.GetRequiredService<IOptions<ReplyQueueOptions>>().Value.DrainTimeout;
        var shutdown = built.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(drain is null ? TimeSpan.FromSeconds(20) : TimeSpan.Parse(drain, CultureInfo.InvariantCulture), queueDrain);
        Assert.True(shutdown > queueDrain, $"the host's shutdown timeout {shutdown} is not above the reply queue's drain {queueDrain}");
    }

    public void Dispose()
    {
        _folder.Dispose();
        File.Delete(_communities);
        File.Delete(_config);
        foreach (var file in (string[])[_database, _database + "-wal", _database + "-shm"]) File.Delete(file);
    }

    private static string Hook(int i) => $"hooks/command-{i}";

    private Dictionary<string, string> Environment(LoopbackSlackServer slack) => new()
    {
        ["Slack__SigningSecret"] = SigningSecret,
        ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
        ["ReplyQueue__Workers"] = "1",
        ["Admin__Token"] = AdminToken,
        ["Analytics__DatabasePath"] = _database,
        ["Knowledge__Watch"] = "false",
    };

    private Dictionary<string, string> DiscordEnvironment(LoopbackDiscordApi discord) => new()
    {
        ["Discord__PublicKey"] = DiscordSigner.PublicKeyHex,
        ["Discord__ApplicationId"] = ApplicationId,
        ["Discord__BotToken"] = "shutdown-test-bot-token",
        ["Discord__Gateway"] = "false",
        ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.AbsoluteUri,
        ["Communities__File"] = _communities,
        ["Analytics__DatabasePath"] = _database,
        ["Knowledge__Watch"] = "false",
    };

    /// <summary>An <c>/ask</c> slash command from its own member (so no rate limit applies), answered through its own hook.</summary>
    private static HttpRequestMessage SignedCommand(LoopbackSlackServer slack, int i)
    {
        var form = $"team_id=T111&channel_id=C111&user_id=U{i:D4}&command=%2Fask&text={Uri.EscapeDataString("what is sextortion")}" +
            $"&response_url={Uri.EscapeDataString(slack.ResponseUrl($"command-{i}").AbsoluteUri)}&trigger_id=1.{i.ToString(CultureInfo.InvariantCulture)}";
        return SlackRequestSigner.SignedPost("/slack/commands", Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded", SigningSecret, DateTimeOffset.UtcNow);
    }

    /// <summary><c>POST /ask</c> whose body is held half-sent; <c>Expect: 100-continue</c> makes the body start only once the endpoint reads it.</summary>
    private static (Task<HttpResponseMessage> Response, HeldBodyContent Body) StartAsk(HttpClient http)
    {
        var body = new HeldBodyContent(Encoding.UTF8.GetBytes("""{"question":"someone is threatening to share my pics"}"""));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/ask") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        request.Headers.ExpectContinue = true;
        return (http.SendAsync(request), body);
    }
}
