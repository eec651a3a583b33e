using BotHost.Slack.Events;

namespace BotHost.Slack.Tests.Events;

public sealed class SlackMessageTextTests
{
    [Theory]
    [InlineData("<@U0LAN0Z89> is it everything a river should be?", "U0LAN0Z89", "is it everything a river should be?")]
    [InlineData("<@U0LAN0Z89|bothost> help", "U0LAN0Z89", "help")]
    [InlineData("  <@UOTHER> hey", null, "hey")]
    [InlineData("hey <@UBOT> what now", "UBOT", "hey what now")]
    [InlineData("<@UBOT> <@U999> keeps messaging me", "UBOT", "@user keeps messaging me")]
    [InlineData("<@UBOT> see <https://example.org/a|this page> and <https://example.org/b>", "UBOT", "see this page and https://example.org/b")]
    [InlineData("<@UBOT> <!here> <!channel> <!everyone> help", "UBOT", "help")]
    [InlineData("<@UBOT> in <#C123|general> and <#C456>", "UBOT", "in #general and #channel")]
    [InlineData("<@UBOT> is 5 &lt; 6 &amp;&amp; 7 &gt; 3", "UBOT", "is 5 < 6 && 7 > 3")]
    [InlineData("<@UBOT> ask <!subteam^S123|@mods>", "UBOT", "ask @mods")]
    [InlineData("", "UBOT", "")]
    public void ToPlain_SlackFormattedText_PlainQuestion(string text, string? botUserId, string expected)
    {
        var plain = SlackMessageText.ToPlain(text, botUserId);

        Assert.Equal(expected, plain);
    }
}
