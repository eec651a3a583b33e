using BotHost.Knowledge;
using BotHost.Knowledge.Coverage;

namespace BotHost.Browser.Tests;

/// <summary>The <c>kb coverage</c> matrix on the console's Knowledge page (issue #19 item 2), in Chromium.</summary>
[Collection(SerialBrowser.Name)]
public sealed class KnowledgeCoverageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Knowledge_ShippedCoverage_EveryCellAsKbCoverageComputesIt()
    {
        var expected = Matrix();
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/knowledge"));
        await page.Locator("#coverage").ScrollIntoViewIfNeededAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "knowledge-coverage");

        var headers = await page.Locator("#coverage thead th").AllInnerTextsAsync();
        Assert.Equal(["Topic", "US", "GB", "CA", "AU", "IE", "NZ", "IN", "EU", "INTL"], headers);
        Assert.Equal(expected.Rules.Topics.Count, await page.Locator("#coverage tbody tr").CountAsync());
        foreach (var cell in expected.Cells)
        {
            var td = page.Locator($"#coverage tr[data-topic='{cell.Topic.Id}'] td[data-region='{cell.Region}']");
            Assert.Equal(cell.Summary.TrimEnd('!', '?'), await td.Locator(".cell-counts").InnerTextAsync());
            Assert.Equal(cell.Holes.Count, await td.Locator(".hole").CountAsync());
        }

        Assert.Contains("0 error hole(s)", await page.Locator("#coverage-summary").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Knowledge_CoverageRuleMadeAnError_CellMarkedAndProblemWithFileLine()
    {
        var file = _server.Knowledge.PathOf(CoverageRules.FileName);
        var lines = await File.ReadAllLinesAsync(file);
        var topic = Array.FindIndex(lines, l => l.Trim() == "- id: trafficking");
        var holes = Array.FindIndex(lines, topic, l => l.TrimStart().StartsWith("holes:", StringComparison.Ordinal));
        lines[holes] = "    holes: {report: error}";
        await File.WriteAllLinesAsync(file, lines);
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/knowledge"));

        var au = page.Locator("#coverage tr[data-topic='trafficking'] td[data-region='AU']");
        Assert.Equal("bad", await au.GetAttributeAsync("class"));
        Assert.Equal("no report (error)", await au.Locator(".hole").InnerTextAsync());
        var problems = await page.Locator("#problems li").AllInnerTextsAsync();
        Assert.Contains(problems, p => p.StartsWith("error", StringComparison.Ordinal)
            && p.Contains($"coverage.yaml:{topic + 1}: coverage trafficking [AU]: no route to report to", StringComparison.Ordinal));
    }

    private CoverageMatrix Matrix()
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(_server.Knowledge.Path, DateOnly.FromDateTime(_server.Time.GetUtcNow().UtcDateTime));
        var (matrix, problems) = CoverageLoader.Load(_server.Knowledge.Path, snapshot ?? throw new InvalidOperationException(string.Join('\n', diagnostics)));
        return matrix ?? throw new InvalidOperationException(string.Join('\n', problems));
    }
}
