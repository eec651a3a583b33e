using Microsoft.Playwright;

namespace BotHost.Browser.Tests;

[Collection(SerialBrowser.Name)]
public sealed class QualityPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Quality_KnowledgeChangedAndReloaded_ChartsBothVersionsAndListsTheChangedAnswer()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GotoAsync(_server.Url("/console/quality"));
        var first = await page.Locator("#quality-version").InnerTextAsync();
        File.Delete(_server.Knowledge.PathOf("articles/thorn.md"));
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        await page.GotoAsync(_server.Url("/console/knowledge"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the knowledge folder" }).ClickAsync();
        await page.GotoAsync(_server.Url("/console/quality"));
        await ConsoleBrowser.ScreenshotAsync(page, "quality");

        Assert.NotEqual(first, await page.Locator("#quality-version").InnerTextAsync());
        Assert.Contains(first, await page.Locator("#diff-heading").InnerTextAsync(), StringComparison.Ordinal);
        var changed = await page.Locator("#changes tbody tr", new() { HasText = "who started thorn" }).Locator("td").AllInnerTextsAsync();
        Assert.StartsWith("questions.tsv:", changed[0], StringComparison.Ordinal);
        Assert.Equal("answered thorn", changed[2]);
        Assert.NotEqual("answered thorn", changed[3]); // declined or another article: which depends on the shipped knowledge
        Assert.Equal(2, await page.Locator("#chart-questions-tsv circle.s0").CountAsync());
        Assert.Equal(0, await page.Locator("#set-blind-questions-tsv li").CountAsync());
    }
}
