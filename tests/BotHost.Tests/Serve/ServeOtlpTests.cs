using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BotHost.Tests.Serve;

/// <summary>
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): the host exports its
/// spans by OTLP to a collector, here a loopback server that records what it receives.
/// </summary>
public sealed class ServeOtlpTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-admin-token";
    private const string Marker = "qxzotlpmarker";
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"serve-otlp-{Guid.NewGuid():N}.json");
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _received = new();
    private readonly HttpClient _http = new();
    private WebApplication _collector = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        collector.Logging.ClearProviders();
        _collector = collector.Build();
        _collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();

        var db = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""
            {
              "OTEL_EXPORTER_OTLP_ENDPOINT": "{{_collector.Urls.First()}}",
              "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
              "Admin": { "Token": "{{Token}}" },
              "Analytics": { "DatabasePath": "{{db}}" }
            }
            """);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), new FakeTimeProvider(TestClock.Start));
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    [Fact]
    public async Task OtlpEndpointSet_AMessageAnswered_TracesMetricsAndLogsReachTheCollectorWithoutTheMembersText()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) },
            Content = new StringContent($$"""{"question":"what is sextortion {{Marker}}"}""", Encoding.UTF8, "application/json"),
        };
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.True(_app.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
        // False whatever happens: the Prometheus reader is pulled by scrapes and cannot be flushed; the OTLP one is.
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000);
        Assert.True(_app.Services.GetRequiredService<LoggerProvider>().ForceFlush(30_000));

        var traces = _received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var bytes = traces.SelectMany(r => r.Body).ToArray();
        Assert.Contains("bothost.message", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("bothost.retrieval", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains(_received, r => r.Path == "/v1/metrics" && Encoding.UTF8.GetString(r.Body).Contains("bothost_questions", StringComparison.Ordinal));
        Assert.Contains(_received, r => r.Path == "/v1/logs");
        Assert.DoesNotContain(_received, r => Encoding.UTF8.GetString(r.Body).Contains(Marker, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _collector.StopAsync();
        await _collector.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        File.Delete(_config);
        _folder.Dispose();
    }
}
