using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class TextTokenizerTests
{
    [Fact]
    public void Tokenize_ChatMessage_SplitsOnPunctuationEmojiAndApostrophes()
    {
        var tokens = TextTokenizer.Tokenize("Hi!! I'm scared 😭 he's got my pics...");

        Assert.Equal(["hi", "i", "m", "scared", "he", "s", "got", "my", "pics"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_AccentsAndCase_AreFolded()
    {
        var tokens = TextTokenizer.Tokenize("Café NAÏVE Résumé");

        Assert.Equal(["cafe", "naive", "resume"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Tokenize_Positions_PointIntoTheOriginalText()
    {
        const string text = "  Don't PAY them";

        var tokens = TextTokenizer.Tokenize(text);

        Assert.All(tokens, t => Assert.Equal(t.Text, TextTokenizer.Fold(text.AsSpan(t.Start, t.Length))));
        Assert.Equal(text.IndexOf("PAY", StringComparison.Ordinal), tokens.Single(t => t.Text == "pay").Start);
    }

    [Fact]
    public void Tokenize_MaxTokens_StopsEarly()
    {
        var tokens = TextTokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("word", 1000)), maxTokens: 10);

        Assert.Equal(10, tokens.Count);
    }
}
