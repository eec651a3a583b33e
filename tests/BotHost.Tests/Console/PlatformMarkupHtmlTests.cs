using BotHost.Console.Rendering;

namespace BotHost.Tests.Console;

public sealed class PlatformMarkupHtmlTests
{
    [Fact]
    public void DiscordMarkdown_QuoteBoldAndLink_BecomeHtml()
    {
        var html = DiscordMarkdownHtml.Render("> Don't **pay** them\n> now\n• [Stop \\(it\\)](https://example.org/a)");

        Assert.Equal("<blockquote>Don&#x27;t <strong>pay</strong> them\nnow</blockquote>• <a href=\"https://example.org/a\" rel=\"noreferrer\">Stop (it)</a>", html);
    }

    [Fact]
    public void DiscordMarkdown_HtmlAndEscapes_AreShownAsText()
    {
        var html = DiscordMarkdownHtml.Render("\\<script\\>alert(1)\\</script\\> \\*not bold\\*");

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; *not bold*", html);
    }

    [Fact]
    public void SlackMrkdwn_QuoteBoldLinkAndEntities_BecomeHtml()
    {
        var html = SlackMrkdwnHtml.Render(">Stop *replying* &amp; keep &lt;evidence&gt;\nSource: <https://example.org/x?a=1&amp;b=2|FAQ &amp; help>, Thorn");

        Assert.Equal("<blockquote>Stop <strong>replying</strong> &amp; keep &lt;evidence&gt;</blockquote>Source: <a href=\"https://example.org/x?a=1&amp;b=2\" rel=\"noreferrer\">FAQ &amp; help</a>, Thorn", html);
    }

    [Fact]
    public void SlackMessage_EphemeralWithButtons_DrawsSectionsContextAndButtons()
    {
        const string Json = """
            {"response_type":"ephemeral","text":"x","blocks":[
              {"type":"section","text":{"type":"mrkdwn","text":"*Line*"},"accessory":{"type":"button","text":{"type":"plain_text","text":"Website"},"action_id":"a","url":"https://example.org"}},
              {"type":"context","elements":[{"type":"mrkdwn","text":"Last reviewed 2026-11-22"}]},
              {"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Helpful"},"action_id":"h","value":"v"}]}]}
            """;

        var html = SlackMessageHtml.Render(Json);

        Assert.Contains("<strong>Line</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"sbtn\" href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"context\"><span>Last reviewed 2026-11-22</span></div>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"sbtn\">Helpful</span>", html, StringComparison.Ordinal);
        Assert.Contains("Only visible to you", html, StringComparison.Ordinal);
    }
}
