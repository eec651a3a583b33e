using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;

namespace BotHost.Tests.Serve;

/// <summary><c>bothost serve</c> on a real loopback port over a real knowledge folder.</summary>
[Collection(SerialServeApps.Name)]
public sealed partial class ServeHostTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-admin-token";
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _config = Path.Combine(_folder.Path, "..", $"serve-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_config, $$"""{ "Admin": { "Token": "{{Token}}" }, "Analytics": { "DatabasePath": "{{Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal)}}" } }""");
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), _time);
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    private static HttpRequestMessage Admin(string path, string? json = null) => new(HttpMethod.Post, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) },
        Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task Healthz_Running_Answers200()
    {
        var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_KnowledgeLoadedAndNoAdapterOn_IsReadyAndNamesTheVersion()
    {
        var response = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("knowledge: version ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WithoutTheAdminToken_Is401()
    {
        var response = await _http.PostAsync(new Uri("/ask", UriKind.Relative), new StringContent("""{"question":"what is sextortion"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ask_WithTheToken_ReturnsTheReplyAndCountsItInMetrics()
    {
        var response = await _http.SendAsync(Admin("/ask", """{"question":"someone is threatening to share my pics"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"kind\"", body, StringComparison.Ordinal);

        var metrics = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("bothost_questions_total{platform=\"admin\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("bothost_reply_latency_seconds_bucket{platform=\"admin\",le=\"+Inf\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE bothost_reply_latency_seconds histogram", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_EveryLine_FollowsTheTextExpositionFormat()
    {
        await _http.SendAsync(Admin("/ask", """{"question":"what is sextortion"}"""));

        var lines = (await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).TrimEnd('\n').Split('\n');

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(ExpositionLine(), line));
        var declared = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(declared.Count, declared.Distinct().Count());
    }

    [Fact]
    public async Task AdminReload_BrokenFolder_KeepsServingTheLastGoodVersionAndWarns()
    {
        var before = await _http.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        _folder.WriteFile("hotlines.yaml", "hotlines: [ this is not yaml");

        var reload = await _http.SendAsync(Admin("/admin/reload"));
        var ready = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var readyText = await ready.Content.ReadAsStringAsync();
        var answer = await _http.SendAsync(Admin("/ask", """{"question":"what is sextortion"}"""));

        Assert.Equal((HttpStatusCode)422, reload.StatusCode);
        Assert.Contains("hotlines.yaml", await reload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith(before.Split('\n')[0], readyText, StringComparison.Ordinal);
        Assert.Contains("warning:", readyText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("bothost_knowledge_reload_failures 1", await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminReload_ChangedFolder_SwapsInTheNewVersion()
    {
        var before = await _http.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        _folder.WriteArticle(TempKnowledgeFolder.Article("new-topic", "A new topic", ["what is the new topic", "tell me about the new topic", "new topic help"],
            [("About it", "The new topic is explained here in plain words.")]));

        var reload = await _http.SendAsync(Admin("/admin/reload"));
        var after = await _http.GetStringAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        Assert.NotEqual(before, after);
        Assert.DoesNotContain("warning", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminReload_WrongToken_Is401()
    {
        var request = Admin("/admin/reload");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Build_KnowledgeWithErrors_DoesNotStartAndSaysWhy()
    {
        using var broken = new TempKnowledgeFolder();

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", broken.Path, null), _time);

        Assert.Null(app);
        Assert.NotEmpty(problems);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_config);
        _folder.Dispose();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A comment (HELP/TYPE) or a sample: name, optional {labels}, a value.</summary>
    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))$""")]
    private static partial Regex ExpositionLine();
}
