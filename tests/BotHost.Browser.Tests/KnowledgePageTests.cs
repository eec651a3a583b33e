using System.Globalization;
using BotHost.Core.Messages;
using BotHost.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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

    [Fact]
    public async Task Knowledge_ArticleLinkFollowed_OpensItWithItsSectionsQuestionsSourcesAndHotlines()
    {
        var knowledge = _server.App.Services.GetRequiredService<KnowledgeHost>().Current;
        var article = knowledge.Articles.Single(a => a.Id == "sextortion");
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);
        await page.GotoAsync(_server.Url("/console/knowledge"));

        await page.Locator("#articles").GetByRole(AriaRole.Link, new() { Name = article.Title }).ClickAsync();
        var details = page.Locator("#article-sextortion");
        await Expect(details).ToHaveAttributeAsync("open", string.Empty);
        await details.ScrollIntoViewIfNeededAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "knowledge-article");

        var sections = await details.GetByRole(AriaRole.List, new() { Name = "Sections" }).Locator("li").AllInnerTextsAsync();
        Assert.Equal(article.Sections.Select(s => $"{s.Heading} (line {s.Line}, #{s.Anchor})"), sections);
        Assert.Equal(article.Questions, await details.GetByRole(AriaRole.List, new() { Name = "Questions" }).Locator("li").AllInnerTextsAsync());
        var sources = details.GetByRole(AriaRole.List, new() { Name = "Sources" }).Locator("li");
        Assert.Equal(article.Sources.Count, await sources.CountAsync());
        for (var i = 0; i < article.Sources.Count; i++)
        {
            Assert.StartsWith($"{article.Sources[i].Title}, {article.Sources[i].Publisher}", await sources.Nth(i).InnerTextAsync(), StringComparison.Ordinal);
            if (article.Sources[i].Url is { } url) Assert.Equal(url.ToString(), await sources.Nth(i).Locator("a").GetAttributeAsync("href"));
        }

        var hotlines = details.GetByRole(AriaRole.List, new() { Name = "Hotlines it can show" }).Locator("li");
        Assert.Equal(article.HotlineIds, await hotlines.EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.hotline)"));
        foreach (var id in article.HotlineIds)
        {
            Assert.True(knowledge.Hotlines.TryGet(id, out var hotline));
            var text = await details.Locator($"li[data-hotline='{id}']").InnerTextAsync();
            Assert.StartsWith(HotlineContact.Describe(hotline!), text, StringComparison.Ordinal);
            if (hotline!.Phone is { } phone) Assert.Contains($"Call {phone}", text, StringComparison.Ordinal);
            Assert.EndsWith($"({hotline.Confidence} {hotline.Verified:yyyy-MM-dd})", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Knowledge_ReviewDatesPassing_MarksOverdueAndDueSoonArticlesAndListsThemFirst()
    {
        var articles = _server.App.Services.GetRequiredService<KnowledgeHost>().Current.Articles;
        var first = articles.Min(a => a.ReviewBy);
        var today = first.AddDays(8);
        _server.Time.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/knowledge"));
        await ConsoleBrowser.ScreenshotAsync(page, "knowledge-review-due");

        var rows = new List<(string Id, string ReviewBy, string Status, string? Class)>();
        foreach (var row in await page.Locator("#articles tbody tr").AllAsync())
        {
            var cells = row.Locator("td");
            rows.Add((await cells.Nth(0).Locator("code").InnerTextAsync(), await cells.Nth(1).InnerTextAsync(), await cells.Nth(2).InnerTextAsync(),
                await cells.Nth(2).GetAttributeAsync("class")));
        }

        Assert.Equal(articles.Select(a => a.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (var (id, reviewBy, status, cls) in rows)
        {
            var days = articles.Single(a => a.Id == id).ReviewBy.DayNumber - today.DayNumber;
            Assert.Equal(articles.Single(a => a.Id == id).ReviewBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reviewBy);
            var (expected, expectedClass) = days switch
            {
                < 0 => ($"overdue by {-days} day(s)", "bad"),
                0 => ("due today", "warn"),
                <= 30 => ($"due in {days} day(s)", "warn"),
                _ => ("current", "good"),
            };
            Assert.Equal((id, expected, expectedClass), (id, status, cls));
        }

        Assert.StartsWith("overdue by 8 day(s)", rows[0].Status, StringComparison.Ordinal);
        var order = rows.Select(r => r.Class switch { "bad" => 0, "warn" => 1, _ => 2 }).ToList();
        Assert.Equal(order.Order(), order);
    }
}
