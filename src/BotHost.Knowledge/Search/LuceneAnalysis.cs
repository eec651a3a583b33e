using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace BotHost.Knowledge.Search;

/// <summary>
/// The analyzer chain of the Lucene.Net index, and the same chain for a single word, so the index's terms, the
/// query's stems and the article term index all agree: Lucene's <see cref="CharTokenizer"/> splitting on what is not a
/// letter, digit or private-use character (what SQLite's unicode61 did before), lower case, ASCII folding
/// ("café" = "cafe") and Lucene's Porter stemmer.
/// </summary>
public static class LuceneAnalysis
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words stemmed once are kept up to this many (members use the same few thousand words); then stemmed each time.</summary>
    private const int MaxCachedStems = 50_000;

    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    /// <summary>Tokenizer, lower case, folding and Porter stemming: the chain every indexed field goes through.</summary>
    public static Analyzer Stemming { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new WordTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>One already-folded word through the Porter stemmer, as the index's analyzer stems it.</summary>
    private static Analyzer WordStemmer { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new KeywordTokenizer(reader);
        return new TokenStreamComponents(source, new PorterStemFilter(source));
    });

    /// <summary>The Porter stem of a lower-case word, as Lucene's <see cref="PorterStemFilter"/> gives it.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0) return word;
        if (Stems.TryGetValue(word, out var cached)) return cached;
        var stem = First(WordStemmer, word) ?? word;
        if (Stems.Count < MaxCachedStems) Stems.TryAdd(word, stem);
        return stem;
    }

    /// <summary>The terms the index's analyzer makes of <paramref name="text"/>, in order.</summary>
    public static List<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        using var stream = Stemming.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private static string? First(Analyzer analyzer, string text)
    {
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var first = stream.IncrementToken() ? term.ToString() : null;
        while (stream.IncrementToken())
        {
        }

        stream.End();
        return first;
    }

    /// <summary>Letters, digits, private-use characters and combining marks make words; everything else separates.</summary>
    private sealed class WordTokenizer(TextReader reader) : CharTokenizer(Version, reader)
    {
        protected override bool IsTokenChar(int c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.PrivateUse or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
            _ => false,
        };
    }
}
