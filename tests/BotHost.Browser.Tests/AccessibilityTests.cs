using Microsoft.Playwright;

namespace BotHost.Browser.Tests;

/// <summary>
/// Every page at desktop and phone width (a screenshot of each), then with every <c>details</c> opened so what is folded
/// away is checked too: axe-core finds no serious or critical violation, nothing scrolls sideways.
/// </summary>
[Collection(SerialBrowser.Name)]
public sealed class AccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        await _server.SendAsync(ConsoleTestServer.Guild, "what is the best pizza topping");
        await _server.SendAsync(ConsoleTestServer.Guild, "someone is threatening to post my pics unless i pay");
        await _server.SendAsync(ConsoleTestServer.Guild, "how do i report child sexual abuse material");
        await _server.ClickFeedbackAsync(ConsoleTestServer.Guild, "report-csam", helpful: true);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task EveryPage_AxeAndWidth_NoSeriousViolationAndNoSidewaysScroll(int width, string name)
    {
        var page = await ConsoleBrowser.NewPageAsync(browser, width, 844);
        var problems = new List<string>();
        await page.GotoAsync(_server.Url("/console/signin"));
        await Check(page, $"signin-{name}", problems);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GetByLabel("Question").FillAsync("how do i report child sexual abuse material");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Check(page, $"ask-{name}", problems);
        await _server.MeasureQualityAsync();
        foreach (var path in new[] { "knowledge", "quality", "gaps", "health" })
        {
            await page.GotoAsync(_server.Url("/console/" + path));
            await Check(page, $"{path}-{name}", problems);
        }

        Assert.Empty(problems);
    }

    private static async Task Check(IPage page, string name, List<string> problems)
    {
        await ConsoleBrowser.ScreenshotAsync(page, name);
        await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");
        problems.AddRange((await ConsoleBrowser.SeriousViolationsAsync(page)).Select(v => $"{name}: {v}"));
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        if (overflow) problems.Add($"{name}: the page scrolls sideways");
    }
}
