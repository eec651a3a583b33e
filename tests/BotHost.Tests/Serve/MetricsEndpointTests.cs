using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Tests.Serve;

/// <summary>
/// <c>/metrics</c> as OpenTelemetry's Prometheus exporter writes it, on a real serve app: each instrument kind
/// exported the way Prometheus reads it, the seconds buckets, and only this host's own meters.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-admin-token";
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly List<(WebApplication App, HttpClient Http, string Config)> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metrics_AfterAnAnswer_InFlightIsBackToZeroNotTheLastChange()
    {
        var http = await StartAsync();

        await AskAsync(http, "what is sextortion");
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("# TYPE bothost_messages_in_flight gauge", metrics, StringComparison.Ordinal);
        Assert.Equal(0, PrometheusSamples.Value(metrics, "bothost_messages_in_flight", "platform=\"admin\""));
    }

    [Fact]
    public async Task Metrics_SyncGaugeOfTheBotMeter_KeepsItsValueAcrossScrapes()
    {
        var http = await StartAsync();
        var meter = _hosts[0].App.Services.GetRequiredService<IMeterFactory>().Create("BotHost");
        meter.CreateGauge<int>("bothost_test_gauge").Record(7);

        var first = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var second = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(7, PrometheusSamples.Value(first, "bothost_test_gauge"));
        Assert.Equal(7, PrometheusSamples.Value(second, "bothost_test_gauge"));
    }

    [Fact]
    public async Task Metrics_LatencyHistograms_UseSecondsBucketsFromHalfAMillisecond()
    {
        var http = await StartAsync();

        await AskAsync(http, "how do i report csam");
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("bothost_reply_latency_seconds_bucket{platform=\"admin\",le=\"0.0005\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("bothost_reply_latency_seconds_bucket{platform=\"admin\",le=\"60\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("bothost_stage_duration_seconds_bucket{stage=\"retrieval\",le=\"0.0005\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("bothost_stage_duration_seconds_count{stage=\"safety\"}", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("le=\"7500\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwn()
    {
        var first = await StartAsync();
        var second = await StartAsync();

        await AskAsync(first, "what is sextortion");
        var firstMetrics = await first.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var secondMetrics = await second.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(1, PrometheusSamples.Value(firstMetrics, "bothost_questions_total", "platform=\"admin\""));
        Assert.DoesNotContain("bothost_questions_total", secondMetrics, StringComparison.Ordinal);
        Assert.NotNull(PrometheusSamples.Value(secondMetrics, "bothost_knowledge_articles"));
    }

    [Fact]
    public async Task Metrics_AdapterState_OneSeriesPerStateWithTheCurrentOneSet()
    {
        var http = await StartAsync();

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(1, PrometheusSamples.Value(metrics, "bothost_adapter_state", "platform=\"discord\",state=\"disabled\""));
        Assert.Equal(0, PrometheusSamples.Value(metrics, "bothost_adapter_state", "platform=\"discord\",state=\"connected\""));
        Assert.Equal(0, PrometheusSamples.Value(metrics, "bothost_adapter_connected", "platform=\"slack\""));
        Assert.Contains("# TYPE bothost_adapter_reconnects_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OpenMetricsRequested_AnswersInOpenMetrics()
    {
        var http = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, http, config) in _hosts)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            http.Dispose();
            File.Delete(config);
        }
    }

    public void Dispose() => _folder.Dispose();

    private async Task<HttpClient> StartAsync()
    {
        var config = Path.Combine(Path.GetTempPath(), $"serve-metrics-{Guid.NewGuid():N}.json");
        var db = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, $$"""{ "Admin": { "Token": "{{Token}}" }, "Analytics": { "DatabasePath": "{{db}}" } }""");
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), new FakeTimeProvider(TestClock.Start));
        if (app is null) throw new InvalidOperationException(string.Join('\n', problems));
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        _hosts.Add((app, http, config));
        return http;
    }

    private static async Task AskAsync(HttpClient http, string question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) },
            Content = new StringContent($$"""{"question":"{{question}}"}""", Encoding.UTF8, "application/json"),
        };
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
