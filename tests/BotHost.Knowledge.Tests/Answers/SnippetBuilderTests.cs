using BotHost.Knowledge.Answers;

namespace BotHost.Knowledge.Tests.Answers;

public sealed class SnippetBuilderTests
{
    private static readonly HashSet<string> Report = ["report"];

    [Fact]
    public void Build_ShortSection_QuotesItWhole()
    {
        var snippet = SnippetBuilder.Build("Report it. Then rest.", Report);

        Assert.Equal("Report it. Then rest.", snippet.Text);
        Assert.False(snippet.Trimmed);
        Assert.Equal(new TextRange(0, 6), snippet.Highlights.Single());
    }

    [Fact]
    public void Build_LongSection_QuotesWholeSentencesAroundTheMatch()
    {
        var filler = string.Concat(Enumerable.Repeat("This sentence says nothing useful at all. ", 12));
        var text = filler + "You can report the account to the platform. " + filler;

        var snippet = SnippetBuilder.Build(text, Report);

        Assert.True(snippet.Trimmed);
        Assert.InRange(snippet.Text.Length, 1, SnippetBuilder.MaxLength);
        Assert.Contains("You can report the account to the platform.", snippet.Text, StringComparison.Ordinal);
        Assert.EndsWith(".", snippet.Text, StringComparison.Ordinal);
        Assert.True(char.IsUpper(snippet.Text[0]));
    }

    [Fact]
    public void Build_QuoteFromTheMiddle_HighlightsEveryMatchAtItsPlaceInTheQuote()
    {
        var filler = string.Concat(Enumerable.Repeat("This sentence says nothing useful at all. ", 12));
        var text = "  " + filler + "Reports help: you can report the account. " + filler;

        var snippet = SnippetBuilder.Build(text, Report);

        var highlighted = snippet.Highlights.Select(h => snippet.Text.Substring(h.Start, h.Length)).ToList();
        Assert.Equal(["Reports", "report"], highlighted);
    }

    [Fact]
    public void Build_NoMatch_QuotesTheSectionStart()
    {
        var text = "The answer comes first. " + string.Concat(Enumerable.Repeat("More words follow here. ", 40));

        var snippet = SnippetBuilder.Build(text, new HashSet<string>());

        Assert.StartsWith("The answer comes first.", snippet.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OneHugeSentence_CutsOnWordBoundariesWithEllipses()
    {
        var words = Enumerable.Range(0, 200).Select(i => $"word{i}").ToList();
        words[120] = "report";
        var text = string.Join(' ', words) + ".";

        var snippet = SnippetBuilder.Build(text, Report);

        Assert.InRange(snippet.Text.Length, 1, SnippetBuilder.MaxLength);
        Assert.StartsWith("…word", snippet.Text, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet.Text, StringComparison.Ordinal);
        Assert.Contains(" report ", snippet.Text, StringComparison.Ordinal);
        var inner = snippet.Text.Trim('…');
        Assert.All(inner.Split(' '), w => Assert.Matches("^(word[0-9]+|report)$", w));
    }

    [Fact]
    public void Build_ListItems_AreSentences()
    {
        var text = "Steps:\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"Step number {i} is a thing to do\n")) + "Report it";

        var snippet = SnippetBuilder.Build(text, Report);

        Assert.EndsWith("Report it", snippet.Text, StringComparison.Ordinal);
        Assert.InRange(snippet.Text.Length, 1, SnippetBuilder.MaxLength);
    }
}
