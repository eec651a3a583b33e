using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BotHost.Core.Telemetry;
using BotHost.Serve;
using BotHost.Testing;
using BotHost.Testing.Discord;
using BotHost.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Trace;

namespace BotHost.Tests.Serve;

/// <summary>
/// <c>bothost serve</c> with the in-memory trace exporter beside OTLP: a signed Slack mention and a signed Discord
/// interaction carrying a marker (in the text and as the member's id) go through the real host, and the spans are
/// checked for their names, their parents, and that no attribute of any span carries the marker.
/// </summary>
public sealed class ServeTracingTests : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string TextMarker = "qxztracemarker";
    private const string MemberMarker = "UQXZMEMBER";

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly SpanSink _sink = new();
    private readonly HttpClient _http = new();
    private LoopbackSlackServer _slack = null!;
    private WebApplication _app = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _slack = await LoopbackSlackServer.StartAsync();
        _config = Path.Combine(Path.GetTempPath(), $"serve-tracing-{Guid.NewGuid():N}.json");
        var db = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""
            {
              "Slack": { "SigningSecret": "{{SigningSecret}}", "BotToken": "xoxb-test-bot-token-123", "ApiBaseUrl": "{{_slack.ApiBaseUrl}}" },
              "Discord": { "PublicKey": "{{DiscordSigner.PublicKeyHex}}", "ApplicationId": "775799577604522054" },
              "Analytics": { "DatabasePath": "{{db}}" }
            }
            """);
        var settings = new ServeSettings("http://127.0.0.1:0", _folder.Path, _config) { TraceExporter = t => t.AddInMemoryExporter(_sink) };
        var (app, problems) = ServeHost.Build(settings, _time);
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    [Fact]
    public async Task SlackMention_AnsweredThroughTheWebApi_OneMessageSpanWithEveryStageAsChildren()
    {
        var (response, traceId) = await SendTracedAsync(SlackMention($"someone is threatening to share my pics {TextMarker}"));
        await _slack.NextRequestAsync("chat.postMessage");
        var message = await MessageSpanAsync("slack", traceId);
        var trace = InTrace(message);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("events_api", message.GetTagItem(BotTracing.IngressAttribute));
        Assert.Equal(ActivityKind.Server, Parent(message, trace)?.Kind);
        Assert.All(new[] { "bothost.signature", "bothost.safety", "bothost.retrieval", "bothost.render", "bothost.platform_call" },
            name => Assert.Contains(trace, span => span.OperationName == name && span.ParentSpanId == message.SpanId));
        var call = Assert.Single(trace, span => span.OperationName == "bothost.platform_call" && (string?)span.GetTagItem(BotTracing.StageDetailAttribute) == "chat.postMessage");
        Assert.Contains(trace, span => span.Kind == ActivityKind.Client && span.ParentSpanId == call.SpanId);
        Assert.NotNull(message.GetTagItem(BotTracing.ReplyKindAttribute));
    }

    [Fact]
    public async Task DiscordInteraction_AnsweredInline_SignatureSafetyRetrievalAndRenderUnderTheMessageSpan()
    {
        var (response, traceId) = await SendTracedAsync(DiscordSigner.SignedPost("/discord/interactions", DiscordAsk($"how can i tell if someone is grooming my child {TextMarker}")));
        var message = await MessageSpanAsync("discord", traceId);
        var trace = InTrace(message);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("interactions", message.GetTagItem(BotTracing.IngressAttribute));
        Assert.Equal("answer", message.GetTagItem(BotTracing.ReplyKindAttribute));
        Assert.All(new[] { "bothost.signature", "bothost.safety", "bothost.retrieval", "bothost.render" },
            name => Assert.Contains(trace, span => span.OperationName == name && span.ParentSpanId == message.SpanId));
    }

    [Fact]
    public async Task EverySpan_MemberTextAndIds_NeverInAnAttribute()
    {
        var (_, slackTrace) = await SendTracedAsync(SlackMention($"i want to kill myself {TextMarker}"));
        await _slack.NextRequestAsync("chat.postMessage");
        var (_, discordTrace) = await SendTracedAsync(DiscordSigner.SignedPost("/discord/interactions", DiscordAsk($"what is sextortion {TextMarker}")));
        await MessageSpanAsync("slack", slackTrace);
        await MessageSpanAsync("discord", discordTrace);

        var attributes = _sink.SelectMany(span => span.TagObjects.Select(tag => $"{span.OperationName} {tag.Key}={tag.Value}")).ToList();

        Assert.NotEmpty(attributes);
        Assert.DoesNotContain(attributes, a => a.Contains(TextMarker, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Contains(MemberMarker, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_sink, span => span.DisplayName.Contains(TextMarker, StringComparison.OrdinalIgnoreCase));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        File.Delete(_config);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    private HttpRequestMessage SlackMention(string text)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "event_callback",
            ["team_id"] = "T111",
            ["api_app_id"] = "A111",
            ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..10],
            ["event"] = new Dictionary<string, object?>
            {
                ["type"] = "app_mention",
                ["user"] = MemberMarker,
                ["text"] = "<@UBOTHOST> " + text,
                ["ts"] = "1700000100.000200",
                ["channel"] = "C0PUBLIC",
                ["event_ts"] = "1700000100.000200",
            },
        });
        return SlackRequestSigner.SignedPost("/slack/events", Encoding.UTF8.GetBytes(json), "application/json", SigningSecret, _time.GetUtcNow());
    }

    private static string DiscordAsk(string question) => $$$"""
        {"id":"786008729715212338","application_id":"775799577604522054","type":2,"token":"T","version":1,"guild_id":"290926798626357999",
         "channel_id":"645027906669510667","member":{"user":{"id":"{{{MemberMarker}}}","username":"{{{MemberMarker}}}"}},
         "data":{"id":"1","name":"ask","type":1,"options":[{"type":3,"name":"question","value":"{{{question}}}"}]}}
        """;

    /// <summary>
    /// Sends <paramref name="request"/> under a test activity of a new trace, which the client propagates as a W3C
    /// traceparent, so the request's spans can be told apart from those of other test classes running at the same time
    /// (the BotHost ActivitySource is process-wide, so this sink sees their spans too).
    /// </summary>
    private async Task<(HttpResponseMessage Response, ActivityTraceId TraceId)> SendTracedAsync(HttpRequestMessage request)
    {
        using var test = new Activity("test.request").SetIdFormat(ActivityIdFormat.W3C).Start();
        test.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return (await _http.SendAsync(request), test.TraceId);
    }

    /// <summary>The ended message span of <paramref name="platform"/> in trace <paramref name="traceId"/> (spans are exported when they end).</summary>
    private Task<Activity> MessageSpanAsync(string platform, ActivityTraceId traceId) =>
        _sink.WhenExportedAsync(s => s.TraceId == traceId && s.OperationName == BotTracing.MessageSpanName && (string?)s.GetTagItem(BotTracing.PlatformAttribute) == platform);

    private List<Activity> InTrace(Activity message) => [.. _sink.Where(s => s.TraceId == message.TraceId)];

    private static Activity? Parent(Activity span, IEnumerable<Activity> trace) => trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    /// <summary>The exporter's collection: spans arrive from the exporter's thread while the test waits for one.</summary>
    private sealed class SpanSink : ICollection<Activity>
    {
        private readonly ConcurrentQueue<Activity> _spans = new();
        private readonly Lock _gate = new();
        private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Done)> _waiters = [];

        public int Count => _spans.Count;

        public bool IsReadOnly => false;

        public Task<Activity> WhenExportedAsync(Func<Activity, bool> match)
        {
            lock (_gate)
            {
                if (_spans.FirstOrDefault(match) is { } done) return Task.FromResult(done);
                var waiter = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, waiter));
                return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public void Add(Activity item)
        {
            lock (_gate)
            {
                _spans.Enqueue(item);
                foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult(item);
                }
            }
        }

        public void Clear() => _spans.Clear();

        public bool Contains(Activity item) => _spans.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => _spans.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => _spans.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
