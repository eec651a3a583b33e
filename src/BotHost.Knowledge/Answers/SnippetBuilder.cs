using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Answers;

/// <summary>
/// Chooses what to quote from a section: the run of whole sentences (at most <see cref="MaxLength"/> characters)
/// that contains the most of the question's words, preferring the section's start, which is where articles put the
/// answer. A single sentence longer than that is cut on word boundaries around the first match, marked with "…".
/// </summary>
public static class SnippetBuilder
{
    public const int MaxLength = 400;
    private const string Ellipsis = "…";

    public static Snippet Build(string sectionText, IReadOnlySet<string> queryStems, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(sectionText);
        ArgumentNullException.ThrowIfNull(queryStems);
        var section = Sections.GetValue(sectionText, Analyze);
        var text = section.Text;
        if (text.Length <= maxLength) return Highlight(text, section, 0, queryStems, trimmed: false);

        var (start, end) = BestWindow(section, queryStems, maxLength);
        if (end - start > maxLength) return Highlight(CutWords(text, start, end, queryStems, maxLength), queryStems, trimmed: true);
        var window = text.AsSpan(start, end - start);
        var from = start + (window.Length - window.TrimStart().Length);
        return Highlight(text[start..end].Trim(), section, from, queryStems, trimmed: true);
    }

    /// <summary>Sentence spans: split after . ! ? followed by white space, and at line breaks (list items).</summary>
    internal static List<(int Start, int End)> Sentences(string text)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var lineBreak = text[i] == '\n';
            var sentenceEnd = text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (!lineBreak && !sentenceEnd) continue;
            var end = lineBreak ? i : i + 1;
            if (end > start) spans.Add((start, end));
            start = i + 1;
            while (start < text.Length && text[start] == ' ') start++;
            i = start - 1;
        }

        if (start < text.Length) spans.Add((start, text.Length));
        return spans;
    }

    private static (int Start, int End) BestWindow(SectionSentences section, IReadOnlySet<string> stems, int maxLength)
    {
        var sentences = section.Sentences;
        var matched = section.Stems.Select(words => words.Where(stems.Contains).ToHashSet(StringComparer.Ordinal)).ToList();
        var best = (Start: sentences[0].Start, End: sentences[0].End, Score: -1);
        for (var i = 0; i < sentences.Count; i++)
        {
            var found = new HashSet<string>(matched[i], StringComparer.Ordinal);
            var j = i;
            while (j + 1 < sentences.Count && sentences[j + 1].End - sentences[i].Start <= maxLength)
            {
                j++;
                found.UnionWith(matched[j]);
            }

            // Earlier windows win ties: the answer is written first.
            if (found.Count > best.Score) best = (sentences[i].Start, sentences[j].End, found.Count);
        }

        return (best.Start, best.End);
    }

    /// <summary>
    /// A section's sentences, each sentence's stems and every word's stem, worked out once per section text (sections
    /// are the same strings for the life of a knowledge base) instead of at every question.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, SectionSentences> Sections = [];

    private static SectionSentences Analyze(string sectionText)
    {
        var text = sectionText.Trim();
        var sentences = Sentences(text);
        var stems = sentences.Select(s => TextTokenizer.Tokenize(text[s.Start..s.End]).Select(t => LuceneAnalysis.Stem(t.Text)).ToArray()).ToList();
        var words = TextTokenizer.Tokenize(text).Select(t => new StemmedWord(t.Start, t.Length, LuceneAnalysis.Stem(t.Text))).ToArray();
        return new SectionSentences(text, sentences, stems, words);
    }

    /// <param name="Words">Every word of the trimmed text with its stem, so a quote's highlights are looked up, not re-tokenized.</param>
    private sealed record SectionSentences(string Text, List<(int Start, int End)> Sentences, List<string[]> Stems, StemmedWord[] Words);

    private readonly record struct StemmedWord(int Start, int Length, string Stem);

    /// <summary>Cuts an over-long sentence to <paramref name="maxLength"/> around its first matched word, never mid-word.</summary>
    private static string CutWords(string text, int start, int end, IReadOnlySet<string> stems, int maxLength)
    {
        var span = text[start..end];
        var tokens = TextTokenizer.Tokenize(span);
        var first = tokens.FirstOrDefault(t => stems.Contains(LuceneAnalysis.Stem(t.Text)));
        var budget = maxLength - (2 * Ellipsis.Length);
        var from = first.Length > 0 ? Math.Max(0, first.Start - (budget / 3)) : 0;
        from = WordStartAtOrAfter(span, from);
        var to = Math.Min(span.Length, from + budget);
        to = WordEndAtOrBefore(span, to, from);
        var prefix = from > 0 ? Ellipsis : string.Empty;
        var suffix = to < span.Length ? Ellipsis : string.Empty;
        return prefix + span[from..to].Trim() + suffix;
    }

    private static int WordStartAtOrAfter(string text, int index)
    {
        if (index == 0) return 0;
        if (!char.IsLetterOrDigit(text[index - 1])) return index;
        while (index < text.Length && char.IsLetterOrDigit(text[index])) index++;
        while (index < text.Length && char.IsWhiteSpace(text[index])) index++;
        return index;
    }

    private static int WordEndAtOrBefore(string text, int index, int floor)
    {
        if (index >= text.Length) return text.Length;
        if (!char.IsLetterOrDigit(text[index])) return index;
        var cut = index;
        while (cut > floor && char.IsLetterOrDigit(text[cut - 1])) cut--;
        return cut > floor ? cut : index;
    }

    /// <summary>
    /// Highlights a quote cut from the section's text at <paramref name="from"/>: the section's words inside it whose
    /// stems were asked about (words never straddle the cut, which falls between sentences).
    /// </summary>
    private static Snippet Highlight(string quote, SectionSentences section, int from, IReadOnlySet<string> stems, bool trimmed)
    {
        var highlights = new List<TextRange>();
        foreach (var word in section.Words)
        {
            if (word.Start < from) continue;
            if (word.Start + word.Length > from + quote.Length) break;
            if (stems.Contains(word.Stem)) highlights.Add(new TextRange(word.Start - from, word.Length));
        }

        return new Snippet(quote, highlights, trimmed);
    }

    private static Snippet Highlight(string text, IReadOnlySet<string> stems, bool trimmed)
    {
        var highlights = TextTokenizer.Tokenize(text)
            .Where(t => stems.Contains(LuceneAnalysis.Stem(t.Text)))
            .Select(t => new TextRange(t.Start, t.Length))
            .ToList();
        return new Snippet(text, highlights, trimmed);
    }
}
