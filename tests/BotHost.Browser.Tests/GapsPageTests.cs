using BotHost.Core.Messages;

namespace BotHost.Browser.Tests;

[Collection(SerialBrowser.Name)]
public sealed class GapsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;
    private string _answered = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var guild = ConsoleTestServer.Guild;
        string[] offTopic = ["what is the best pizza topping", "how do i bake sourdough bread", "which football team won the league last year"];
        for (var i = 0; i < offTopic.Length; i++) Assert.Equal(ReplyKind.Declined, (await _server.SendAsync(guild, offTopic[i], $"member-{i}")).Kind);
        Assert.Equal(ReplyKind.Urgent, (await _server.SendAsync(guild, "someone is threatening to post my pics unless i pay", "member-5")).Kind);
        Assert.Equal(ReplyKind.Urgent, (await _server.SendAsync(guild, "a guy says he will send my nudes to everyone unless i pay him", "member-6")).Kind);
        var answer = await _server.SendAsync(guild, "how do i report child sexual abuse material", "member-7");
        Assert.Equal(ReplyKind.Answer, answer.Kind);
        _answered = answer.Feedback!.ArticleId;
        await _server.ClickFeedbackAsync(guild, _answered, helpful: true);
        await _server.ClickFeedbackAsync(guild, _answered, helpful: false);
        await _server.ClickFeedbackAsync(guild, _answered, helpful: true);
        for (var i = 0; i < 6; i++) await _server.SendAsync(ConsoleTestServer.Team, "what is thorn", "busy-member");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Gaps_RepliesRecorded_ChartsAndTablesShowTheCounts()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/gaps?community=discord/guild-1&days=7"));
        await ConsoleBrowser.ScreenshotAsync(page, "gaps");

        Assert.Equal("discord guild-1", await page.Locator("#gaps-scope").InnerTextAsync());
        Assert.Equal(["0", "0", "0", "0", "0", "0", "3"], await page.Locator("#declined-table tbody td:nth-child(2)").AllTextContentsAsync());
        Assert.Equal(1, await page.Locator("#chart-declined rect").CountAsync());
        Assert.Equal("Declined questions per day", await page.Locator("#chart-declined title").TextContentAsync());
        Assert.Equal("sextortion-threat", await page.Locator("#urgent-table thead th:nth-child(2)").TextContentAsync());
        Assert.Equal("2", await page.Locator("#urgent-table tbody tr:last-child td:nth-child(2)").TextContentAsync());
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await page.Locator("#feedback-table tbody tr").AllAsync()) rows.Add(await row.Locator("td").AllInnerTextsAsync());
        Assert.Equal([_answered, "1", "2", "1"], rows.Single(cells => cells[1] == _answered).Skip(1));
    }

    [Fact]
    public async Task Gaps_AllCommunities_AddsTheOtherCommunityAndItsRateLimitedMember()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GotoAsync(_server.Url("/console/gaps?days=7"));

        Assert.Equal("all communities", await page.Locator("#gaps-scope").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#limited-table tbody tr:last-child td:nth-child(2)").TextContentAsync());
        var csv = await page.APIRequest.GetAsync(_server.Url("/console/gaps.csv?days=7"));
        var text = await csv.TextAsync();
        Assert.StartsWith("day,platform,community,kind,article_or_category,count", text, StringComparison.Ordinal);
        Assert.Contains(",slack,T0TEAM2,rate_limited,,1", text, StringComparison.Ordinal);
        Assert.Contains(",discord,guild-1,urgent,sextortion-threat,2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_ModeratorToken_SeesOnlyItsOwnCommunity()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);

        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.OtherModeratorToken);
        await page.GotoAsync(_server.Url("/console/gaps?community=discord/guild-1&days=7"));
        await ConsoleBrowser.ScreenshotAsync(page, "gaps-moderator");

        Assert.Equal("slack T0TEAM2", await page.Locator("#gaps-scope").InnerTextAsync());
        Assert.Equal(["Gaps and feedback"], await page.Locator("nav a").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("#community").CountAsync());
        Assert.Equal("No urgent replies in this period.", await page.Locator("#urgent-heading + p").InnerTextAsync());
        var csv = await (await page.APIRequest.GetAsync(_server.Url("/console/gaps.csv?community=discord/guild-1&days=7"))).TextAsync();
        Assert.DoesNotContain("guild-1", csv, StringComparison.Ordinal);
        Assert.Contains("T0TEAM2", csv, StringComparison.Ordinal);
        await _server.MeasureQualityAsync();
        foreach (var adminPage in new[] { "/console/ask", "/console/knowledge", "/console/quality", "/console/health" })
        {
            var response = await page.GotoAsync(_server.Url(adminPage));
            Assert.Equal(403, response!.Status);
        }
    }

    [Fact]
    public async Task Gaps_RedactedQuestions_ShownToTheirCommunitysModeratorsOnly()
    {
        var moderator = await ConsoleBrowser.NewPageAsync(browser);
        var admin = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(moderator, _server, ConsoleTestServer.ModeratorToken);
        await ConsoleBrowser.SignInAsync(admin, _server, ConsoleTestServer.AdminToken);

        await moderator.GotoAsync(_server.Url("/console/gaps"));
        await admin.GotoAsync(_server.Url("/console/gaps?community=discord/guild-1"));

        Assert.Contains("how do i bake sourdough bread", await moderator.Locator("#questions-heading + ul").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("sourdough", await admin.ContentAsync(), StringComparison.Ordinal);
    }
}
