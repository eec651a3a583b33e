using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BotHost.Testing;
using BotHost.Testing.Slack;

namespace BotHost.Tests.Faults;

/// <summary>
/// SIGTERM to a real <c>bothost serve</c> process while it has work: every Slack command it acknowledged is answered,
/// a request in flight gets its response, and the process exits 0 after logging its drain (issue #16, point 1).
/// </summary>
public sealed class ServeShutdownTests : IDisposable
{
    private const string SigningSecret = "shutdown-test-signing-secret";
    private const string AdminToken = "shutdown-test-admin-token";
    private const int Commands = 12;

    /// <summary>System.CommandLine's default grace after SIGTERM was 2 seconds; the work here is held for longer.</summary>
    private static readonly TimeSpan BeyondTheOldCut = TimeSpan.FromSeconds(3);

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"bothost-shutdown-{Guid.NewGuid():N}.db");

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

    public void Dispose()
    {
        _folder.Dispose();
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
