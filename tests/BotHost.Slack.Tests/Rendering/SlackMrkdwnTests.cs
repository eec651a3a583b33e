using BotHost.Slack.Rendering;

namespace BotHost.Slack.Tests.Rendering;

public sealed class SlackMrkdwnTests
{
    [Theory]
    [InlineData("<!channel> look", "&lt;!channel&gt; look")]
    [InlineData("<!here|here>", "&lt;!here|here&gt;")]
    [InlineData("<@U123ABC> is mean", "&lt;@U123ABC&gt; is mean")]
    [InlineData("<https://evil.example|click me>", "&lt;https://evil.example|click me&gt;")]
    [InlineData("Tom & Jerry > Itchy", "Tom &amp; Jerry &gt; Itchy")]
    [InlineData("already &amp; escaped", "already &amp;amp; escaped")]
    [InlineData("plain text", "plain text")]
    public void Escape_ControlSequences_CannotMentionOrLink(string text, string expected)
    {
        var escaped = SlackMrkdwn.Escape(text);

        Assert.Equal(expected, escaped);
        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('>', escaped);
    }

    [Fact]
    public void Link_LabelWithControlCharacters_LabelEscaped()
    {
        var link = SlackMrkdwn.Link(new Uri("https://example.org/a"), "A <b> & c");

        Assert.Equal("<https://example.org/a|A &lt;b&gt; &amp; c>", link);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/file")]
    [InlineData("mailto:someone@example.org")]
    public void SafeUrl_NotHttp_Null(string url)
    {
        Assert.Null(SlackMrkdwn.SafeUrl(new Uri(url)));
        Assert.Equal("label", SlackMrkdwn.Link(new Uri(url), "label"));
    }

    [Fact]
    public void SafeUrl_CharactersThatEndALink_PercentEncoded()
    {
        var url = SlackMrkdwn.SafeUrl(new Uri("https://example.org/a|b?x=<y>"));

        Assert.Equal("https://example.org/a%7Cb?x=%3Cy%3E", url);
    }

    [Fact]
    public void SafeUrl_LongerThan3000_Null()
    {
        Assert.Null(SlackMrkdwn.SafeUrl(new Uri("https://example.org/" + new string('a', 3000))));
    }

    [Fact]
    public void Truncate_CutWouldSplitAnEntity_CutsBeforeIt()
    {
        var escaped = SlackMrkdwn.Escape(new string('a', 8) + "&b");

        var cut = SlackMrkdwn.Truncate(escaped, 11);

        Assert.Equal("aaaaaaaa…", cut);
    }

    [Fact]
    public void Truncate_CutWouldSplitASurrogatePair_KeepsThePairWhole()
    {
        var text = new string('a', 8) + "😀😀";

        var cut = SlackMrkdwn.Truncate(text, 10);

        Assert.Equal("aaaaaaaa…", cut);
        Assert.True(cut.Length <= 10);
    }

    [Fact]
    public void Truncate_ShortEnough_Unchanged()
    {
        Assert.Equal("short", SlackMrkdwn.Truncate("short", 3000));
    }
}
