using BotHost.Knowledge.Articles;

namespace BotHost.Knowledge.Tests.Articles;

public sealed class HeadingAnchorTests
{
    [Theory]
    [InlineData("What to do right now", "what-to-do-right-now")]
    [InlineData("Don't pay: it's a trap!", "dont-pay-its-a-trap")]
    [InlineData("Step 1 — report", "step-1--report")]
    public void Slug_Heading_MatchesGitHubAnchor(string heading, string anchor) => Assert.Equal(anchor, HeadingAnchor.Slug(heading));

    [Fact]
    public void Unique_RepeatedHeadings_GetNumberedSuffixes() =>
        Assert.Equal(["help", "other", "help-1", "help-2"], HeadingAnchor.Unique(["Help", "Other", "Help", "Help"]));
}
