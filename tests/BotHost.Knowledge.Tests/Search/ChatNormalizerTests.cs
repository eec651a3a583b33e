using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class ChatNormalizerTests
{
    private static readonly HashSet<string> Known = ["please", "help", "see", "sextortion"];

    [Theory]
    [InlineData("pleeeeease", "please")]
    [InlineData("helllllp", "help")]
    [InlineData("seeee", "see")]
    [InlineData("sextortionnnn", "sextortion")]
    [InlineData("plzzzz", "please")]
    public void Normalize_StretchedWords_CollapseToTheKnownSpelling(string typed, string expected) =>
        Assert.Equal([expected], ChatNormalizer.Normalize(typed, Known.Contains));

    [Theory]
    [InlineData("sum1", new[] { "someone" })]
    [InlineData("rn", new[] { "right", "now" })]
    [InlineData("u", new[] { "you" })]
    public void Normalize_ChatAbbreviations_AreExpanded(string typed, string[] expected) =>
        Assert.Equal(expected, ChatNormalizer.Normalize(typed, Known.Contains));

    [Fact]
    public void Normalize_OrdinaryWord_IsUnchanged() => Assert.Equal(["grooming"], ChatNormalizer.Normalize("grooming", Known.Contains));

    [Fact]
    public void CollapseRuns_Digits_AreKept() => Assert.Equal("1-800-555", ChatNormalizer.CollapseRuns("1-800-555", 1));

    [Fact]
    public void CollapseRuns_NoRunOverTheMaximum_ReturnsTheWordItself()
    {
        var word = "hello";

        var collapsed = ChatNormalizer.CollapseRuns(word, 2);

        Assert.Same(word, collapsed);
        Assert.Equal("helo", ChatNormalizer.CollapseRuns(word, 1));
    }
}
