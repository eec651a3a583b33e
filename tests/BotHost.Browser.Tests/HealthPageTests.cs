using System.Globalization;
using System.Text.RegularExpressions;
using BotHost.Core.Adapters;
using BotHost.Core.Analytics;
using BotHost.Core.Feedback;
using BotHost.Core.State;
using BotHost.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BotHost.Browser.Tests;

/// <summary>
/// The health page against the running host: its adapter rows are the adapters' own states, its readiness lines are
/// what <c>/readyz</c> answers (a degraded analytics store with its reason included), and its figures are the messages
/// the pipeline handled.
/// </summary>
[Collection(SerialBrowser.Name)]
public sealed class HealthPageTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Slack over HTTP (a signing secret), with its Web API on a loopback port nothing listens on; Discord stays off.</summary>
    private static readonly Dictionary<string, object> SlackOverHttp = new()
    {
        ["Slack"] = new Dictionary<string, string>
        {
            ["SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["BotToken"] = "xoxb-test-bot-token-123",
            ["ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        },
    };

    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync(SlackOverHttp);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_SlackOnAndAnalyticsStoreBroken_ShowsTheAdapterStatesAndTheReadyzLinesWithTheReason()
    {
        await _server.SendAsync(ConsoleTestServer.Team, "how do i report grooming");
        BreakTheAnalyticsFile();
        // A helpful click as Slack would send it, written by serve's own flush on its interval (which catches the failure).
        await _server.App.Services.GetRequiredService<IFeedbackRecorder>().RecordAsync("slack", ConsoleTestServer.Team.Id, "grooming-signs", helpful: true, CancellationToken.None);
        _server.Time.Advance(AnalyticsWriteBuffer.FlushInterval);
        var store = _server.App.Services.GetServices<IStateHealth>().Select(s => s.Health).Single(h => h.Name == "sqlite");
        Assert.Contains("degraded", store.Detail, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var readyz = await http.GetAsync(new Uri(_server.Url("/readyz")));
        var readyzLines = (await readyz.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GotoAsync(_server.Url("/console/health"));
        await ConsoleBrowser.ScreenshotAsync(page, "health");

        // A degraded store keeps the replica ready (members are still answered), and the page says the same as /readyz.
        Assert.Equal(200, (int)readyz.StatusCode);
        await Expect(page.Locator("#readiness")).ToHaveTextAsync("Ready (200)");
        await Expect(page.Locator("#ready-reasons li")).ToHaveTextAsync(readyzLines);
        await Expect(page.Locator("#ready-reasons")).ToContainTextAsync($"sqlite: {store.Detail}");
        foreach (var adapter in _server.App.Services.GetServices<IChatAdapter>())
        {
            var row = Row(page, "#adapters", adapter.Platform);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(adapter.Status.State.ToString().ToLowerInvariant());
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(adapter.Status.Reconnects.ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(adapter.Status.Detail ?? string.Empty);
        }

        await Expect(AdapterState(page, "slack")).ToHaveTextAsync("connected");
        await Expect(AdapterState(page, "discord")).ToHaveTextAsync("disabled");
    }

    [Fact]
    public async Task Health_MessagesAnsweredOnTwoPlatforms_ShowsTheirCountsByPlatformAndKindAndTheKnowledgeFigures()
    {
        var replies = new[]
        {
            await _server.SendAsync(ConsoleTestServer.Guild, "how do i report grooming"),
            await _server.SendAsync(ConsoleTestServer.Guild, "what is the best pizza topping"),
            await _server.SendAsync(ConsoleTestServer.Guild, "what is the best pizza topping", user: "member-2"),
            await _server.SendAsync(ConsoleTestServer.Team, "how do i report grooming"),
        };
        var kinds = replies.GroupBy(r => r.Kind.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, kinds.Count); // answers and declines, so the kind table has two different rows to get right
        var knowledge = _server.App.Services.GetRequiredService<KnowledgeHost>();

        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GotoAsync(_server.Url("/console/health"));

        await Expect(Count(page, "#questions-by-platform", "discord")).ToHaveTextAsync("3");
        await Expect(Count(page, "#questions-by-platform", "slack")).ToHaveTextAsync("1");
        foreach (var (kind, count) in kinds)
        {
            await Expect(Count(page, "#replies-by-kind", kind)).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
        }

        await Expect(page.Locator("#replies-by-kind tbody tr")).ToHaveCountAsync(kinds.Count);
        await Expect(page.Locator("#metrics-heading ~ p")).ToContainTextAsync(
            $"Knowledge: {knowledge.Current.Articles.Count} articles, {knowledge.Reloads} reloads, {knowledge.FailedReloads} rejected.");
        await Expect(page.Locator("#metrics-heading ~ p")).ToContainTextAsync(new Regex(@"Reply latency: p50 (≤ [\d.]+ ms|over 5 s), p99"));
    }

    /// <summary>A folder where the SQLite file should be: every later write fails until it is removed.</summary>
    private void BreakTheAnalyticsFile()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" }) File.Delete(_server.DatabasePath + suffix);
        Directory.CreateDirectory(_server.DatabasePath);
    }

    private static ILocator AdapterState(IPage page, string platform) => Row(page, "#adapters", platform).Locator("td").Nth(1);

    private static ILocator Count(IPage page, string table, string key) => Row(page, table, key).Locator("td").Nth(1);

    /// <summary>The body row of <paramref name="table"/> whose first cell is exactly <paramref name="key"/>.</summary>
    private static ILocator Row(IPage page, string table, string key) =>
        page.Locator($"{table} tbody tr").Filter(new() { Has = page.Locator("td:first-child", new() { HasTextRegex = new Regex($"^{Regex.Escape(key)}$") }) });
}
