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
/// query's words and stems, the snippets' highlights and the article term index all agree: Lucene's
/// <see cref="CharTokenizer"/> splitting on what is not a letter, digit or private-use character, lower case, ASCII
/// folding ("café" = "cafe", also when the accent is typed as a separate combining mark) and Lucene's Porter stemmer.
/// </summary>
public static class LuceneAnalysis
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// The knowledge bases' own words (articles, synonyms, everyday examples) keep their stems, up to this many (a
    /// reload adds the words of edited articles); past it, and for every word a member types, the stem is worked out
    /// each time, so what members send is never kept and cannot grow the cache.
    /// </summary>
    private const int MaxCachedStems = 50_000;

    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    /// <summary>Tokenizer, lower case and folding: the words of a text as <see cref="TextTokenizer"/> gives them.</summary>
    public static Analyzer Folding { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new WordTokenizer(reader);
        return new TokenStreamComponents(source, Fold(source));
    });

    /// <summary>Tokenizer, lower case, folding and Porter stemming: the chain every indexed field goes through.</summary>
    public static Analyzer Stemming { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new WordTokenizer(reader);
        return new TokenStreamComponents(source, new PorterStemFilter(Fold(source)));
    });

    /// <summary>One already-folded word through the Porter stemmer, as the index's analyzer stems it.</summary>
    private static Analyzer WordStemmer { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new KeywordTokenizer(reader);
        return new TokenStreamComponents(source, new PorterStemFilter(source));
    });

    /// <summary>The Porter stem of a lower-case word, as Lucene's <see cref="PorterStemFilter"/> gives it.</summary>
    /// <param name="word">An already-folded word (a <see cref="TextTokenizer"/> token).</param>
    /// <param name="keep">True only for the knowledge base's own words, whose stems are kept (see <see cref="MaxCachedStems"/>).</param>
    public static string Stem(string word, bool keep = false)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0) return word;
        if (Stems.TryGetValue(word, out var cached)) return cached;
        var stem = First(WordStemmer, word) ?? word;
        if (keep && Stems.Count < MaxCachedStems) Stems.TryAdd(word, stem);
        return stem;
    }

    /// <summary>True when the stem of <paramref name="word"/> is kept (for tests).</summary>
    internal static bool IsKept(string word) => Stems.ContainsKey(word);

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

    /// <summary>How many terms the index's analyzer makes of <paramref name="text"/> (<see cref="Terms"/>' count, without the strings).</summary>
    public static int CountTerms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        using var stream = Stemming.GetTokenStream("text", text);
        stream.Reset();
        while (stream.IncrementToken()) count++;
        stream.End();
        return count;
    }

    private static CombiningMarkFilter Fold(Tokenizer source) => new CombiningMarkFilter(new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)));

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

    /// <summary>
    /// Drops the combining diacritical marks (U+0300 to U+036F) that <see cref="ASCIIFoldingFilter"/> leaves when an
    /// accent is written as its own character ("e" + U+0301), so "cafe\u0301" is "cafe" like "café"; and drops a token
    /// that was nothing else.
    /// </summary>
    private sealed class CombiningMarkFilter(TokenStream input) : FilteringTokenFilter(Version, input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

        protected override bool Accept()
        {
            var buffer = _term.Buffer;
            var length = 0;
            for (var i = 0; i < _term.Length; i++)
            {
                if (buffer[i] is < '\u0300' or > '\u036F') buffer[length++] = buffer[i];
            }

            _term.Length = length;
            return length > 0;
        }
    }
}
