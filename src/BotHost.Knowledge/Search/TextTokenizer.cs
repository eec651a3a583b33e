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
        if (maxTokens <= 0) return tokens;
        Words(text, (word, start, length) =>
        {
            tokens.Add(new Token(new string(word), start, length));
            return tokens.Count < maxTokens;
        });
        return tokens;
    }

    /// <summary>
    /// <see cref="Tokenize"/>'s words without a string or token per word: each word (cut at <see cref="MaxTokenLength"/>),
    /// its start and its length in <paramref name="text"/> go to <paramref name="visit"/>, which returns false to stop.
    /// The span is valid only during the call. For indexes built from many texts (<see cref="ArticleTermIndex"/>).
    /// </summary>
    internal static void Words(string text, WordVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(visit);
        if (text.Length == 0) return;
        using var stream = LuceneAnalysis.Folding.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var end = -1;
        while (stream.IncrementToken())
        {
            var start = offset.StartOffset;
            // Words are separated, so a token that starts where the last one ended is the rest of a run of letters
            // longer than the tokenizer's 255: only its start counts.
            var rest = start == end;
            end = offset.EndOffset;
            if (!rest && !visit(term.Buffer.AsSpan(0, Math.Min(term.Length, MaxTokenLength)), start, end - start)) break;
        }

        stream.End();
    }

    /// <summary>One word of <see cref="Words"/>: its folded text, where it starts and how long it is in the text; false to stop.</summary>
    internal delegate bool WordVisitor(ReadOnlySpan<char> word, int start, int length);
}
