using System.Net;
using BotHost.Serve;
using BotHost.Testing;

namespace BotHost.Tests.Serve;

/// <summary>The web console in <c>serve</c>: off unless <c>Console__Enabled=true</c>, and a wrong value stops start-up.</summary>
public sealed class ServeConsoleTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("false", HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.Redirect)]
    public async Task Console_EnabledSetting_MapsTheConsoleOnlyWhenTrue(string? enabled, HttpStatusCode expected)
    {
        var config = Config(enabled);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, config), _time);
        Assert.Empty(problems);
        await using var running = app!;
        await running.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(running.Urls.First()) };

        var response = await http.GetAsync(new Uri("/console/knowledge", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.Equal("/console/signin", response.Headers.Location?.OriginalString);
        await running.StopAsync();
    }

    [Fact]
    public void Build_ConsoleEnabledNotABoolean_StopsWithTheSettingNamed()
    {
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, Config("yes")), _time);

        Assert.Null(app);
        Assert.Equal(["Console__Enabled: 'yes' is not true or false"], problems);
    }

    public void Dispose() => _folder.Dispose();

    private string Config(string? enabled)
    {
        var path = Path.Combine(_folder.Path, "..", $"serve-{Guid.NewGuid():N}.json");
        var database = Path.Combine(Path.GetTempPath(), $"bothost-console-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        var console = enabled is null ? string.Empty : $$""", "Console": { "Enabled": "{{enabled}}" }""";
        File.WriteAllText(path, $$"""{ "Admin": { "Token": "console-admin-token-0123456789" }, "Analytics": { "DatabasePath": "{{database}}" }, "Knowledge": { "Watch": "false" }{{console}} }""");
        return path;
    }
}
