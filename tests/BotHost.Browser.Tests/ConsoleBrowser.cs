using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BotHost.Browser.Tests;

/// <summary>What every browser test does: open pages, sign in, save screenshots, run axe-core.</summary>
public static class ConsoleBrowser
{
    /// <summary>Milliseconds a page action, a navigation or an <c>Expect</c> assertion may wait (a bound, not a measure).</summary>
    public const float PageTimeout = 180_000;

    public static async Task<IPage> NewPageAsync(BrowserFixture browser, int width = 1280, int height = 900)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        // The first view of the quality page measures every eval set of the version (seconds alone, much longer on a
        // machine shared with other builds), so pages get more than Playwright's default 30 seconds.
        context.SetDefaultTimeout(PageTimeout);
        context.SetDefaultNavigationTimeout(PageTimeout);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, ConsoleTestServer server, string token)
    {
        await page.GotoAsync(server.Url("/console/signin"));
        await page.GetByLabel("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>axe-core's serious and critical violations on the page, as "rule: help (n nodes)".</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        return [.. results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})")];
    }
}
