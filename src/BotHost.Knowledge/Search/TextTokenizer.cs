using Lucene.Net.Analysis.TokenAttributes;

namespace BotHost.Knowledge.Search;

/// <summary>
/// Splits text into lower-case, diacritic-free words with the index's own analyzer chain (<see cref="LuceneAnalysis.Folding"/>:
/// letters, numbers and private-use characters make words, everything else separates), keeping each word's position
/// in the original text (Lucene's offsets) so snippets can highlight it.
/// </summary>
public static class TextTokenizer
{
    /// <summary>Tokens longer than this are cut: nobody types a 200-letter word, and it bounds the work.</summary>
    public const int MaxTokenLength = 64;

    public static IReadOnlyList<Token> Tokenize(string text, int maxTokens = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        if (text.Length == 0 || maxTokens <= 0) return tokens;
        using var stream = LuceneAnalysis.Folding.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var end = -1;
        while (tokens.Count < maxTokens && stream.IncrementToken())
        {
            var start = offset.StartOffset;
            // Words are separated, so a token that starts where the last one ended is the rest of a run of letters
            // longer than the tokenizer's 255: only its start counts.
            var rest = start == end;
            end = offset.EndOffset;
            if (!rest) tokens.Add(new Token(new string(term.Buffer, 0, Math.Min(term.Length, MaxTokenLength)), start, end - start));
        }

        stream.End();
        return tokens;
    }
}
