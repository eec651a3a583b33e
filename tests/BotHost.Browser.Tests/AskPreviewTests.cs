using System.Globalization;
using System.Text.RegularExpressions;
using BotHost.Cli;
using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BotHost.Browser.Tests;

[Collection(SerialBrowser.Name)]
public sealed class AskPreviewTests(BrowserFixture browser) : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AskPreview_SextortionThreat_ShowsDiscordAndSlackRenderingsAndWhy()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GetByLabel("Question").FillAsync("someone is threatening to post my pics unless i pay");
        await page.GetByLabel("Region").SelectOptionAsync("US");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "ask-preview");

        Assert.Equal("urgent", await page.Locator("#reply-kind").InnerTextAsync());
        var discord = page.Locator("#discord-preview .discord");
        Assert.Contains("Emergency", await discord.Locator(".embed-title").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await discord.Locator(".embed").CountAsync() >= 3);
        // The urgent help fills the phone screen, so the article passage after it is left out (issue #15), and with it the
        // Helpful / Not helpful buttons: there is no quoted article to rate.
        Assert.Equal(0, await discord.Locator(".dbtn.primary").CountAsync());
        Assert.Contains("Only you can see this", await discord.InnerTextAsync(), StringComparison.Ordinal);
        var slack = page.Locator("#slack-preview .slack");
        Assert.Contains("Call 911", await slack.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await slack.Locator(".context").CountAsync()); // no quoted passage, so no source line under it
        Assert.DoesNotContain("Helpful", await slack.Locator(".actions .sbtn").AllInnerTextsAsync());
        Assert.Contains("Only visible to you", await slack.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"urgent \(sextortion-threat\): rule at urgent\.yaml:\d+", await page.Locator("#why-urgent").InnerTextAsync());
        Assert.Contains("not refused", await page.Locator("#why-refusal").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("sextortion", await page.Locator("#ranked tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        var top = page.Locator("#ranked tbody tr").First.Locator("td");
        Assert.InRange(double.Parse(await top.Nth(10).InnerTextAsync(), CultureInfo.InvariantCulture), 0.001, 1);
        Assert.Matches(@"^\d+$", await top.Nth(11).InnerTextAsync());
        Assert.Matches(@"^\d+$", await top.Nth(12).InnerTextAsync());
        Assert.Matches(@"nearest everyday example: cosine \d\.\d{3}", await page.Locator("#why").InnerTextAsync());
        Assert.Contains("\"type\":4", await page.Locator("#discord-json").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("\"response_type\":\"ephemeral\"", await page.Locator("#slack-json").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskPreview_SectionQuestionsKbEvalGetsRight_SectionChosenIsTheSectionKbEvalCounted()
    {
        var file = _server.Knowledge.PathOf("eval/section-questions.tsv");
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), _server.Time, new StringReader(string.Empty));
        Assert.Equal(ExitCodes.Success, await BotHostCli.RunAsync(["kb", "eval", "-q", file, "--json", "--report-only", "--knowledge", _server.Knowledge.Path], env, CancellationToken.None));
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var missed = json.RootElement.GetProperty("misses").EnumerateArray().Select(m => m.GetProperty("question").GetString()).ToHashSet(StringComparer.Ordinal);
        // Lines kb eval counts as right had their one expected section quoted from the top article (at its default region, INTL).
        var right = File.ReadLines(file).Where(l => !l.StartsWith('#') && l.Contains('\t', StringComparison.Ordinal)).Select(l => l.Split('\t'))
            .Where(p => !p[1].Contains('|', StringComparison.Ordinal) && !missed.Contains(p[0].Trim())).Take(3).ToList();
        Assert.Equal(3, right.Count);
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        foreach (var line in right)
        {
            var (article, anchor) = (line[1].Trim().Split('#')[0], line[1].Trim().Split('#')[1]);
            await page.GotoAsync(_server.Url("/console/ask")); // no ranked table until the preview below has loaded
            await page.GetByLabel("Question").FillAsync(line[0].Trim());
            await page.GetByLabel("Region").SelectOptionAsync("INTL");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

            var top = page.Locator("#ranked tbody tr").First.Locator("td");
            Assert.Equal(article, await top.Nth(1).Locator("code").InnerTextAsync());
            Assert.Equal(Heading(article, anchor), await top.Nth(2).InnerTextAsync());
        }
    }

    /// <summary>The heading of the article's section with that anchor, from the article file the server loaded.</summary>
    private string Heading(string article, string anchor)
    {
        var headings = File.ReadLines(_server.Knowledge.PathOf($"articles/{article}.md")).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        return headings[BotHost.Knowledge.Articles.HeadingAnchor.Unique(headings).ToList().IndexOf(anchor)];
    }

    [Fact]
    public async Task AskPreview_OffTopicQuestion_ShowsTheDeclineAndTheThreshold()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GetByLabel("Question").FillAsync("what is the best pizza topping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        Assert.Equal("declined", await page.Locator("#reply-kind").InnerTextAsync());
        Assert.Contains("Declined", await page.Locator("#why-decision").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("not urgent", await page.Locator("#why-urgent").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A request to get close to a child that no rule of refusal.yaml matches (kb eval --refusal with --detector rules
    /// answers it) but the examples classifier refuses (score 0.68 with --detector examples); it is in no example file.
    /// </summary>
    private const string RefusedByTheExamplesOnly = "whats a good way to befriend a lonely 11 year old gamer so he trusts only me";

    [Fact]
    public async Task AskPreview_RequestOnlyTheExamplesRefuse_ShowsTheRefusalNeverTheArticleAndLabelsTheExamplesClassifier()
    {
        var knowledge = _server.App.Services.GetRequiredService<KnowledgeHost>().Current;
        var refusal = knowledge.Safety.Refusal!;
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await page.GetByLabel("Question").FillAsync(RefusedByTheExamplesOnly);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "ask-preview-refused");

        await Expect(page.Locator("#reply-kind")).ToHaveTextAsync("refusal");
        await Expect(page.Locator("#preview-summary")).ToContainTextAsync("private to the asker");
        var discord = page.Locator("#discord-preview .discord");
        var slack = page.Locator("#slack-preview .slack");
        await Expect(discord).ToContainTextAsync(refusal.Message);
        await Expect(slack).ToContainTextAsync(refusal.Message);
        await Expect(page.Locator("#console-text")).ToContainTextAsync(refusal.Message);
        await Expect(page.Locator("#why-refusal")).ToHaveTextAsync(
            new Regex(@"^refused: examples classifier \(score 0\.\d{3}\), nearest example at \S*examples/refusal(-2)?\.tsv:\d+$"));
        await Expect(page.Locator("#why-refusal")).Not.ToContainTextAsync("rule at");
        await Expect(page.Locator("#why-handler")).ToContainTextAsync("refusal");
        await Expect(page.Locator("#why-urgent")).ToContainTextAsync("not urgent");

        // The search still ranks articles (the why section lists them), but the reply quotes none of them: only the
        // refusal line and the prevention article refusal.yaml names.
        var ranked = await page.Locator("#ranked tbody tr td:nth-child(2) code").AllInnerTextsAsync();
        var answers = ranked.Where(id => id != refusal.ArticleId).ToList();
        Assert.NotEmpty(answers);
        foreach (var id in answers)
        {
            var title = knowledge.Articles.Single(a => a.Id == id).Title;
            await Expect(discord).Not.ToContainTextAsync(title);
            await Expect(slack).Not.ToContainTextAsync(title);
            await Expect(page.Locator("#console-text")).Not.ToContainTextAsync(title);
        }
    }

    private const string Sextortion = "someone is threatening to post my pics unless i pay";

    [Fact]
    public async Task AskPreview_CommunityChosenWithoutARegion_AnswersWithItsRegionsHotlinesAsItsMembersGetThem()
    {
        var hotlines = _server.App.Services.GetRequiredService<KnowledgeHost>().Current.Hotlines;
        var gb = hotlines.All.Single(h => h.Emergency && h.Region == "GB");
        var us = hotlines.All.Single(h => h.Emergency && h.Region == "US");
        var member = await _server.SendAsync(ConsoleTestServer.Team, Sextortion);
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await PreviewAsync(page, Sextortion, "region GB", community: ConsoleTestServer.Team.Key);
        var team = await RenderingsAsync(page);
        await PreviewAsync(page, Sextortion, "region US", community: ConsoleTestServer.Guild.Key);
        var guild = await RenderingsAsync(page);

        var shown = member.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines).ToList();
        Assert.Contains(gb, shown);
        Assert.All(shown, h => Assert.True(h.AppliesTo("GB"), $"{h.Id} ({h.Region}) shown to a GB community"));
        Assert.Contains("region GB", team.Summary, StringComparison.Ordinal);
        Assert.Equal(ConsoleReplyRenderer.Render(member), team.Console);
        foreach (var text in new[] { team.Discord, team.Slack, team.Console })
        {
            Assert.Contains($"Call {gb.Phone}", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"Call {us.Phone}", text, StringComparison.Ordinal);
        }

        Assert.Contains("region US", guild.Summary, StringComparison.Ordinal);
        foreach (var text in new[] { guild.Discord, guild.Slack, guild.Console })
        {
            Assert.Contains($"Call {us.Phone}", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"Call {gb.Phone}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AskPreview_CommunityPrivateByDefault_AnswerOnlyTheAskerSeesWhereAnotherCommunitysIsPublic()
    {
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await PreviewAsync(page, "who started thorn", "private to the asker, region GB", community: ConsoleTestServer.Team.Key);
        var team = await RenderingsAsync(page);
        await PreviewAsync(page, "who started thorn", "visible in the channel, region US", community: ConsoleTestServer.Guild.Key);
        var guild = await RenderingsAsync(page);

        Assert.Equal("answer", await page.Locator("#reply-kind").InnerTextAsync());
        Assert.Contains("private to the asker", team.Summary, StringComparison.Ordinal);
        Assert.Contains("Only you can see this", team.Discord, StringComparison.Ordinal);
        Assert.Contains("Only visible to you", team.Slack, StringComparison.Ordinal);
        Assert.StartsWith("(sent privately to the asker", team.Console, StringComparison.Ordinal);
        Assert.Contains("visible in the channel", guild.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Only you can see this", guild.Discord, StringComparison.Ordinal);
        Assert.DoesNotContain("Only visible to you", guild.Slack, StringComparison.Ordinal);
        Assert.DoesNotContain("(sent privately", guild.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskPreview_Answer_ConsoleTextUnderBothRenderingsIsWhatBothostAskPrints()
    {
        const string question = "how do i report child sexual abuse material";
        var output = new StringWriter();
        var env = new CliEnvironment(output, new StringWriter(), _server.Time, new StringReader(string.Empty));
        Assert.Equal(ExitCodes.Success, await BotHostCli.RunAsync(["ask", question, "--region", "GB", "--knowledge", _server.Knowledge.Path], env, CancellationToken.None));
        var page = await ConsoleBrowser.NewPageAsync(browser);
        await ConsoleBrowser.SignInAsync(page, _server, ConsoleTestServer.AdminToken);

        await PreviewAsync(page, question, "region GB", region: "GB");
        await ConsoleBrowser.ScreenshotAsync(page, "ask-preview-answer");

        await Expect(page.Locator("#console-text")).ToBeVisibleAsync();
        Assert.Equal(output.ToString(), (await RenderingsAsync(page)).Console);
        var console = await page.Locator("#console-text").BoundingBoxAsync();
        foreach (var rendering in new[] { "#discord-preview", "#slack-preview" })
        {
            var box = await page.Locator(rendering).BoundingBoxAsync();
            Assert.True(console!.Y >= box!.Y + box.Height, $"the console text starts at y={console.Y}, above the end of {rendering} (y={box.Y + box.Height})");
        }

        var passage = page.Locator("#discord-preview .embed-title").First;
        Assert.Contains((await passage.InnerTextAsync()).Trim(), output.ToString(), StringComparison.Ordinal);
        Assert.NotEqual("—", await page.Locator("#ranked tbody tr").First.Locator("td").Nth(2).InnerTextAsync());
    }

    /// <summary>Posts the form and waits for the preview whose summary line says <paramref name="expected"/> (the page is replaced by the answer to the post).</summary>
    private static async Task PreviewAsync(IPage page, string question, string expected, string region = "", string community = "")
    {
        await page.GetByLabel("Question").FillAsync(question);
        await page.GetByLabel("Region").SelectOptionAsync(region);
        await page.GetByLabel("Community").SelectOptionAsync(community);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#preview-summary")).ToContainTextAsync(expected);
    }

    /// <summary>What the page shows of one preview: the summary line, both platforms' drawings and the console text.</summary>
    private static async Task<(string Summary, string Discord, string Slack, string Console)> RenderingsAsync(IPage page) => (
        await page.Locator("#preview-summary").InnerTextAsync(),
        await page.Locator("#discord-preview .discord").InnerTextAsync(),
        await page.Locator("#slack-preview .slack").InnerTextAsync(),
        await page.Locator("#console-text").TextContentAsync() ?? string.Empty);
}
