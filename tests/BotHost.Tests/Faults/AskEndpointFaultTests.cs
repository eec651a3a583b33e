using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BotHost.Serve;
using BotHost.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Tests.Faults;

/// <summary>
/// <c>POST /ask</c> with bodies that are not what it expects: a 400 <c>application/problem+json</c> for each, no
/// exception in the log, and no 500 for any body at all (issue #16, point 5).
/// </summary>
public sealed class AskEndpointFaultTests : IAsyncLifetime, IDisposable
{
    private const string Token = "fault-test-admin-token";
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"ask-faults-{Guid.NewGuid():N}.json");
    private readonly RecordingLoggerProvider _logs = new();
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(Path.GetTempPath(), $"bothost-ask-faults-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""{ "Admin": { "Token": "{{Token}}" }, "Analytics": { "DatabasePath": "{{db}}" }, "Knowledge": { "Watch": "false" } }""");
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), new FakeTimeProvider(TestClock.Start));
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("{\"question\": "), "application/json" },
        { "a number for the question", Encoding.UTF8.GetBytes("{\"question\":123}"), "application/json" },
        { "an empty body", [], "application/json" },
        { "an empty question", Encoding.UTF8.GetBytes("{\"question\":\"  \"}"), "application/json" },
        { "no question", Encoding.UTF8.GetBytes("{}"), "application/json" },
        { "JSON null", Encoding.UTF8.GetBytes("null"), "application/json" },
        { "a form body", Encoding.UTF8.GetBytes("question=what+is+sextortion"), "application/x-www-form-urlencoded" },
        { "10,000-deep nesting", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/json" },
        { "invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"question\":\"what is "), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")], "application/json" },
        { "a question over the cap", Encoding.UTF8.GetBytes($"{{\"question\":\"{new string('a', 2_001)}\"}}"), "application/json" },
        { "an unknown region", Encoding.UTF8.GetBytes("{\"question\":\"what is sextortion\",\"region\":\"call 555-0100\"}"), "application/json" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Ask_MalformedBody_Is400ProblemWithoutAnExceptionLogged(string why, byte[] body, string contentType)
    {
        using var response = await PostAsync(body, contentType);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("555", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
    }

    [Fact]
    public async Task Ask_BodyOverTheSizeLimit_Is413()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes($"{{\"question\":\"{new string('a', 200_000)}\"}}"), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task Ask_SchemeInAnotherCase_IsAccepted(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask") { Content = new StringContent("""{"question":"what is sextortion"}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Token}");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Logging_AspNetCoreRequestLines_AreOffByDefaultAndTheReplyLineStays()
    {
        var factory = _app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("BotHost.Core.Pipeline.MessagePipeline").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Ask_Region_HotlinesOfThatRegion()
    {
        using var gb = await PostAsync(Encoding.UTF8.GetBytes("""{"question":"someone is threatening to share my pics","region":"GB"}"""), "application/json");
        using var us = await PostAsync(Encoding.UTF8.GetBytes("""{"question":"someone is threatening to share my pics","region":"US"}"""), "application/json");

        Assert.Equal(HttpStatusCode.OK, gb.StatusCode);
        Assert.Contains("gb-test-line", await gb.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("gb-test-line", await us.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ArbitraryBodies_NeverA500()
    {
        var pieces = Gen.Elements("{", "}", "[", "]", "\"question\"", "\"region\"", ":", ",", "\"GB\"", "\"what is sextortion\"", "null", "123",
            "true", "\"\\u0000\"", "\"\\ud800\"", "1e999", "-", "\"", "\\", " ", "\n");
        var json = Gen.ListOf(pieces).Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        var bytes = ArbMap.Default.ArbFor<byte[]>().Generator;
        var bodies = Gen.OneOf(json, bytes).Select(b => b ?? []);

        var property = Prop.ForAll(bodies.ToArbitrary(), body =>
        {
            using var response = PostAsync(body, "application/json").GetAwaiter().GetResult();
            return (int)response.StatusCode is 200 or 400 or 413;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(80), property);
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }

    public void Dispose()
    {
        File.Delete(_config);
        _folder.Dispose();
        _logs.Dispose();
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ask") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await _http.SendAsync(request);
    }
}
