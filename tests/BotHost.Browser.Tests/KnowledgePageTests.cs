using Microsoft.Playwright;

namespace BotHost.Browser.Tests;

[Collection(SerialBrowser.Name)]
public sealed class KnowledgePageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Knowledge_ArticleBrokenThenReload_ShowsTheFileLineErrorAndTheRejectedReload()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GotoAsync(_server.Url("/console/knowledge"));
        var version = await page.Locator("#loaded-version").InnerTextAsync();
        var article = _server.Knowledge.PathOf("articles/sextortion.md");
        var lines = await File.ReadAllLinesAsync(article);
        var reviewed = Array.FindIndex(lines, l => l.StartsWith("reviewed:", StringComparison.Ordinal));
        lines[reviewed] = "reviewed: not-a-date";
        await File.WriteAllLinesAsync(article, lines);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the knowledge folder" }).ClickAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "knowledge-rejected-reload");

        Assert.Contains("Reload rejected", await page.Locator("#reload-result").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("rejected", await page.Locator("#last-reload").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(version, await page.Locator("#loaded-version").InnerTextAsync());
        var problems = await page.Locator("#problems li").AllInnerTextsAsync();
        Assert.Contains(problems, p => p.Contains($"articles/sextortion.md:{reviewed + 1}:", StringComparison.Ordinal) && p.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Knowledge_Loaded_ListsOverdueAndDueSoonArticlesFirst()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/knowledge"));
        await page.Locator("details").First.Locator("summary").ClickAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "knowledge");

        var reviewBy = await page.Locator("#articles tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(reviewBy.Order(StringComparer.Ordinal), reviewBy);
        Assert.True(await page.Locator("details").First.Locator("h3", new() { HasText = "Hotlines it can show" }).IsVisibleAsync());
    }
}
