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

        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length).ToLowerInvariant()));
        Assert.Equal(text.IndexOf("PAY", StringComparison.Ordinal), tokens.Single(t => t.Text == "pay").Start);
    }

    [Fact]
    public void Tokenize_SeparateCombiningAccent_IsFoldedLikeAPrecomposedOne()
    {
        var tokens = TextTokenizer.Tokenize("cafe\u0301 \u0301 caf\u00e9");

        Assert.Equal(["cafe", "cafe"], tokens.Select(t => t.Text));
        Assert.Equal(5, tokens[0].Length);
    }

    [Fact]
    public void Tokenize_VeryLongWord_IsOneTokenCutToTheMaximum()
    {
        var tokens = TextTokenizer.Tokenize(new string('a', 600) + " pay");

        Assert.Equal([new string('a', TextTokenizer.MaxTokenLength), "pay"], tokens.Select(t => t.Text));
        Assert.Equal(601, tokens[1].Start);
    }

    [Fact]
    public void Tokenize_MaxTokens_StopsEarly()
    {
        var tokens = TextTokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("word", 1000)), maxTokens: 10);

        Assert.Equal(10, tokens.Count);
    }
}
