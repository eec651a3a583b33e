using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BotHost.Core.Adapters;
using BotHost.Serve;
using BotHost.Testing;
using BotHost.Testing.Discord;
using BotHost.Testing.Slack;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Faults;

/// <summary>
/// The signed platform endpoints of a real <c>serve</c> on loopback, fed FsCheck-generated bodies that carry a correct
/// signature (so every one gets past the signature check and into the parsers): Discord's interactions (JSON), Slack's
/// events (JSON), slash commands (form) and interactivity (form with a JSON <c>payload</c>). Never a 5xx other than
/// Slack's documented 503 when the reply queue is full, never an exception in the log, the reply queue within its bound
/// and the process still serving afterwards (issue #16).
/// </summary>
public sealed class SignedEndpointFuzzTests : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DiscordTimestamp = "1700000000";
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"signed-fuzz-{Guid.NewGuid():N}.json");
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly RecordingLoggerProvider _logs = new();
    private readonly HttpClient _http = new();
    private LoopbackSlackServer _slack = null!;
    private LoopbackDiscordApi _discord = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await LoopbackSlackServer.StartAsync();
        _discord = await LoopbackDiscordApi.StartAsync();
        var db = Path.Combine(Path.GetTempPath(), $"bothost-signed-fuzz-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""
            {
              "Slack": { "SigningSecret": "{{SigningSecret}}", "BotToken": "xoxb-test-bot-token-123", "ApiBaseUrl": "{{_slack.ApiBaseUrl}}" },
              "Discord": { "PublicKey": "{{DiscordSigner.PublicKeyHex}}", "ApplicationId": "775799577604522054", "ApiBaseUrl": "{{_discord.ApiBaseUrl}}" },
              "Analytics": { "DatabasePath": "{{db}}" }, "Knowledge": { "Watch": "false" }
            }
            """);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), _time);
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    [Fact]
    public void DiscordInteractions_SignedArbitraryBodies_NeverA5xxNorAnException()
    {
        var pieces = Gen.Elements("{", "}", "[", "]", ":", ",", "\"type\"", "\"data\"", "\"name\"", "\"options\"", "\"value\"", "\"id\"",
            "\"token\"", "\"member\"", "\"user\"", "\"guild_id\"", "\"channel_id\"", "\"custom_id\"", "\"component_type\"", "\"message\"",
            "\"application_id\"", "\"ask\"", "\"hotlines\"", "\"about\"", "\"question\"", "\"region\"", "\"feedback:helpful:grooming\"",
            "\"53908232506183680\"", "\"775799577604522054\"", "1", "2", "3", "4", "5", "-1", "1e999", "null", "true", "\"\"", "\"\\ud800\"",
            "\"\\u0000\"", "\"what is sextortion\"", "\"call 555-0100\"", " ");

        Fuzz(pieces, Valid.DiscordAsk, body => Discord(body));
    }

    [Fact]
    public void SlackEvents_SignedArbitraryBodies_NeverA5xxNorAnException()
    {
        var pieces = Gen.Elements("{", "}", "[", "]", ":", ",", "\"type\"", "\"url_verification\"", "\"challenge\"", "\"event_callback\"",
            "\"event\"", "\"app_mention\"", "\"message\"", "\"text\"", "\"user\"", "\"channel\"", "\"channel_type\"", "\"im\"", "\"event_id\"",
            "\"Ev1\"", "\"team_id\"", "\"T1\"", "\"api_app_id\"", "\"bot_id\"", "\"subtype\"", "\"ts\"", "\"1700000000.000100\"",
            "\"<@UBOTHOST> what is sextortion\"", "\"U1\"", "\"C1\"", "null", "1", "-1", "1e999", "true", "\"\"", "\"\\ud800\"", " ");

        Fuzz(pieces, Valid.SlackMention, body => Slack("/slack/events", body, "application/json"));
    }

    [Fact]
    public void SlackCommands_SignedArbitraryForms_NeverA5xxNorAnException()
    {
        var pieces = Gen.Elements("command=", "/ask", "/hotlines", "/about", "%2Fask", "text=", "what+is+sextortion", "call+555-0100", "GB",
            "user_id=", "U1", "team_id=", "T1", "channel_id=", "C1", "response_url=", Uri.EscapeDataString(new Uri(_slack.BaseUrl, "hooks/T1/2/y").ToString()),
            "http%3A%2F%2F127.0.0.1%2Fx", "ssl_check=1", "&", "=", "%", "%FF", "%E2%82", "+", "&&", "==");

        Fuzz(pieces, Valid.SlackCommand(_slack.BaseUrl), body => Slack("/slack/commands", body, "application/x-www-form-urlencoded"));
    }

    [Fact]
    public void SlackInteractivity_SignedArbitraryPayloads_NeverA5xxNorAnException()
    {
        var json = Gen.Elements("{", "}", "[", "]", ":", ",", "\"type\"", "\"block_actions\"", "\"actions\"", "\"action_id\"", "\"value\"",
            "\"user\"", "\"id\"", "\"team\"", "\"channel\"", "\"message\"", "\"ts\"", "\"response_url\"", "\"feedback_helpful\"",
            "\"grooming\"", "\"U1\"", "null", "1", "true", "\"\"", "\"\\ud800\"", " ");
        var pieces = json.Select(p => Uri.EscapeDataString(p)).Select(p => Gen.Elements(p, "payload=" + p, "&", "=", "%", "%FF")).SelectMany(g => g);

        Fuzz(pieces, Valid.SlackClick, body => Slack("/slack/interactivity", body, "application/x-www-form-urlencoded"));
    }

    [Theory]
    [InlineData("/discord/interactions")]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    public void Post_SignedValidBodyWithABadUtf8ByteInTheQuestion_400NotAnError(string path)
    {
        var valid = path switch
        {
            "/discord/interactions" => Valid.DiscordAsk,
            "/slack/events" => Valid.SlackMention,
            "/slack/commands" => Valid.SlackCommand(_slack.BaseUrl),
            _ => Valid.SlackClick,
        };
        var body = Encoding.UTF8.GetBytes(valid);
        var at = valid.IndexOf(path == "/slack/interactivity" ? "grooming" : "sextortion", StringComparison.Ordinal);
        if (at < 0) at = valid.IndexOf("grooming", StringComparison.Ordinal);
        body[at] = 0xFF;

        var status = path == "/discord/interactions" ? Discord(body) : Slack(path, body, path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded");

        Assert.True((int)status < 500, $"{(int)status}");
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        await _discord.DisposeAsync();
        _http.Dispose();
    }

    public void Dispose()
    {
        File.Delete(_config);
        _folder.Dispose();
        _logs.Dispose();
    }

    /// <summary>
    /// Bodies built from the endpoint's own words, valid bodies cut short or with a byte changed, and random bytes; each
    /// sent signed. Then: no 5xx but the busy 503, nothing thrown into the log, the queue within its bound, still serving.
    /// </summary>
    private void Fuzz(Gen<string> pieces, string valid, Func<byte[], HttpStatusCode> send)
    {
        var words = Gen.ListOf(pieces).Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        var validBytes = Encoding.UTF8.GetBytes(valid);
        var cut = Gen.Choose(0, validBytes.Length).Select(n => validBytes[..n]);
        var changed = Gen.Choose(0, validBytes.Length - 1).SelectMany(i => ArbMap.Default.ArbFor<byte>().Generator.Select(b =>
        {
            var copy = validBytes.ToArray();
            copy[i] = b;
            return copy;
        }));
        var bytes = ArbMap.Default.ArbFor<byte[]>().Generator.Select(b => b ?? []);
        var bodies = Gen.OneOf(words, cut, changed, bytes);
        var statuses = new List<HttpStatusCode>();
        var failed = new List<string>();

        var property = Prop.ForAll(bodies.ToArbitrary(), body =>
        {
            var status = send(body);
            statuses.Add(status);
            var ok = (int)status < 500 || status == HttpStatusCode.ServiceUnavailable;
            if (!ok) failed.Add($"{(int)status} for {Encoding.UTF8.GetString(body)}");
            return ok;
        });

        Check.One(Config.Quick.WithMaxTest(250).WithEndSize(60), property);
        Assert.True(failed.Count == 0, string.Join('\n', failed));
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.True(_app.Services.GetRequiredService<IReplyQueue>().Pending <= _app.Services.GetRequiredService<IOptions<ReplyQueueOptions>>().Value.Capacity);
        using var health = _http.GetAsync(new Uri("/healthz", UriKind.Relative)).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private HttpStatusCode Discord(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", DiscordSigner.Sign(DiscordTimestamp, body));
        request.Headers.Add("X-Signature-Timestamp", DiscordTimestamp);
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        return response.StatusCode;
    }

    private HttpStatusCode Slack(string path, byte[] body, string contentType)
    {
        using var request = SlackRequestSigner.SignedPost(path, body, contentType, SigningSecret, _time.GetUtcNow());
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        return response.StatusCode;
    }

    /// <summary>One valid body per endpoint, for the cut-short and one-byte-changed cases.</summary>
    private static class Valid
    {
        public const string DiscordAsk = """
            {"id":"786008729715212338","application_id":"775799577604522054","type":2,"token":"T","version":1,"guild_id":"290926798626357999",
             "channel_id":"645027906669510667","member":{"user":{"id":"53908232506183680","username":"m"}},
             "data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"how can i tell if someone is grooming my child"}]}}
            """;

        public const string SlackMention = """
            {"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"Ev1","event_time":1700000000,
             "event":{"type":"app_mention","user":"U1","text":"<@UBOTHOST> what is sextortion","channel":"C1","ts":"1700000000.000100"}}
            """;

        /// <summary>Its response_url on the loopback Slack (the only host besides hooks.slack.com the bot posts to).</summary>
        public static string SlackCommand(Uri slack) =>
            $"command=%2Fask&text=what+is+sextortion&user_id=U1&team_id=T1&channel_id=C1&response_url={Uri.EscapeDataString(new Uri(slack, "hooks/T1/1/x").ToString())}";

        public const string SlackClick =
            "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22team%22%3A%7B%22id%22%3A%22T1%22%7D%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22feedback_helpful%22%2C%22value%22%3A%22grooming%22%7D%5D%7D";
    }
}
