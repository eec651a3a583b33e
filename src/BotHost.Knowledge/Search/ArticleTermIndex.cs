namespace BotHost.Knowledge.Search;

/// <summary>
/// Which stemmed terms each article and each section contains, kept in memory as sorted term ids, plus every
/// surface word of the knowledge base with its frequency. The Lucene index ranks passages; this answers "does the article cover
/// what was asked?" and "which section says it?" in microseconds, and gives the spelling corrector its dictionary.
/// </summary>
internal sealed class ArticleTermIndex
{
    private readonly Dictionary<string, int> _termIds;
    private readonly int[][] _articleTerms;
    private readonly int[][] _topicTerms;
    private readonly int[][][] _sectionTerms;
    private readonly int[][] _titleTerms;
    private readonly int[][][] _headingTerms;

    /// <summary>
    /// For each article, how many of its questions contain each term and each pair of adjacent terms (by
    /// <see cref="WordKey"/> and <see cref="PairKey"/>).
    /// </summary>
    private readonly Dictionary<long, int>[] _questionTermCounts;

    /// <summary>For each article, the sum of <see cref="_questionTermCounts"/>.</summary>
    private readonly int[] _questionTermTotals;

    /// <summary>The terms and pairs of adjacent terms found in some article's questions.</summary>
    private readonly HashSet<long> _questionVocabulary;

    /// <summary>
    /// Additive smoothing of <see cref="QuestionWordLogLikelihood"/>. With words alone the held-out article questions'
    /// cross-validated recall@1 was highest from 0.1 to 0.2 (2,274 questions, in an offline refit of the reranker over
    /// their searches' features: 0.870 -> 0.880 by <c>kb eval --calibrate</c> at 0.2). With pairs of adjacent words beside
    /// the words (branch rank15, the same offline refit with Lucene's stems: 2,000 of 2,274 at 0.2 -> 2,013 at 0.05, 2,010
    /// to 2,013 from 0.02 to 0.1; words alone at 0.05 1,995; a separate pair feature 2,004-2,006; triples too 2,006) the
    /// smaller counts of pairs want less smoothing.
    /// </summary>
    public const double QuestionWordSmoothing = 0.05;

    private ArticleTermIndex(Dictionary<string, int> termIds, int[][] articleTerms, int[][] topicTerms, int[][][] sectionTerms, int[][] titleTerms,
        int[][][] headingTerms, Dictionary<string, int> surfaceWords, Dictionary<long, int>[] questionTermCounts)
    {
        _questionTermCounts = questionTermCounts;
        _questionTermTotals = [.. questionTermCounts.Select(c => c.Values.Sum())];
        _questionVocabulary = [.. questionTermCounts.SelectMany(c => c.Keys)];
        _headingTerms = headingTerms;
        _titleTerms = titleTerms;
        _termIds = termIds;
        _articleTerms = articleTerms;
        _topicTerms = topicTerms;
        _sectionTerms = sectionTerms;
        SurfaceWords = surfaceWords;
    }

    public IReadOnlyCollection<string> Terms => _termIds.Keys;

    /// <summary>Every word as written in the articles (folded), with how many times it occurs.</summary>
    public IReadOnlyDictionary<string, int> SurfaceWords { get; }

    /// <param name="articleTexts">For each article, all of its text that is not in a section (title, questions, tags, summary).</param>
    /// <param name="sectionTexts">For each article, the text of each section (heading and body).</param>
    /// <param name="titles">For each article, its title.</param>
    /// <param name="headings">For each article, the heading of each section.</param>
    /// <param name="questions">For each article, its questions (for <see cref="QuestionWordLogLikelihood"/>).</param>
    public static ArticleTermIndex Build(IReadOnlyList<IEnumerable<string>> articleTexts, IReadOnlyList<IReadOnlyList<string>>? sectionTexts = null,
        IReadOnlyList<string>? titles = null, IReadOnlyList<IReadOnlyList<string>>? headings = null, IReadOnlyList<IReadOnlyList<string>>? questions = null)
    {
        var builder = new Builder();
        var articleTerms = new int[articleTexts.Count][];
        var topicTerms = new int[articleTexts.Count][];
        var sectionTerms = new int[articleTexts.Count][][];
        for (var a = 0; a < articleTexts.Count; a++)
        {
            var sections = sectionTexts?[a] ?? [];
            sectionTerms[a] = [.. sections.Select(s => builder.Ids([s]))];
            topicTerms[a] = builder.Ids(articleTexts[a]);
            articleTerms[a] = [.. topicTerms[a].Union(sectionTerms[a].SelectMany(s => s)).Order()];
        }

        var titleTerms = new int[articleTexts.Count][];
        for (var a = 0; a < titleTerms.Length; a++) titleTerms[a] = titles is null ? [] : builder.Ids([titles[a]], countSurface: false);
        var headingTerms = new int[articleTexts.Count][][];
        for (var a = 0; a < headingTerms.Length; a++) headingTerms[a] = [.. (headings?[a] ?? []).Select(h => builder.Ids([h], countSurface: false))];
        var questionTermCounts = new Dictionary<long, int>[articleTexts.Count];
        for (var a = 0; a < questionTermCounts.Length; a++)
        {
            questionTermCounts[a] = [];
            foreach (var question in questions?[a] ?? [])
            {
                foreach (var key in QuestionKeys(builder.OrderedIds(question))) questionTermCounts[a][key] = questionTermCounts[a].GetValueOrDefault(key) + 1;
            }
        }

        return new ArticleTermIndex(builder.TermIds, articleTerms, topicTerms, sectionTerms, titleTerms, headingTerms, builder.Surface, questionTermCounts);
    }

    /// <summary>
    /// The distinct terms of <paramref name="words"/> (folded words as typed, in order) and pairs of adjacent terms that
    /// some article's questions use, as keys of <see cref="QuestionWordLogLikelihood"/>.
    /// </summary>
    public HashSet<long> QuestionTermIds(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var ids = words.Select(w => _termIds.TryGetValue(LuceneAnalysis.Stem(w), out var id) ? id : -1).ToList();
        return [.. QuestionKeys(ids).Where(_questionVocabulary.Contains)];
    }

    /// <summary>The key of one term in the question-word model.</summary>
    internal static long WordKey(int id) => id;

    /// <summary>The key of a term followed by another (negative, so never a term's).</summary>
    internal static long PairKey(int first, int second) => -1 - (((long)first << 32) | (uint)second);

    /// <summary>The distinct keys of the terms (ids in order; -1 for a word no article uses) and of each pair of adjacent known terms.</summary>
    private static HashSet<long> QuestionKeys(List<int> ids)
    {
        var keys = new HashSet<long>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] < 0) continue;
            keys.Add(WordKey(ids[i]));
            if (i > 0 && ids[i - 1] >= 0) keys.Add(PairKey(ids[i - 1], ids[i]));
        }

        return keys;
    }

    /// <summary>
    /// How likely a question with these terms is to be one of the article's questions, by a multinomial naive Bayes
    /// model of the words of its questions and of their pairs of adjacent words (each question counting a term or a pair
    /// once, <see cref="QuestionWordSmoothing"/> added to every count; McCallum and Nigam, 1998): the sum over the terms
    /// and pairs found in some article's questions of log((count in this article's questions + smoothing) / (its
    /// questions' terms and pairs + smoothing x the vocabulary)). A pair keeps some of the order the words alone lose
    /// ("my son" against "my" and "son" anywhere in the question).
    /// Where the question bm25 scores the one closest question, this weighs every question the article has: a word
    /// many of an article's questions use (a platform, a relation, a kind of harm) counts for it even when no single
    /// question matches the rest. Stop words count too: who is asking shows in them ("my son", "i'm 14", "our
    /// server"), and without them the model added nothing to the reranker (cross-validated, 2,274 held-out questions, the
    /// offline refit: +1 question with the chat stop words left out, +25 with every word). Terms no question uses are left out (they
    /// favour no article); 0 without terms.
    /// </summary>
    /// <param name="termIds">Distinct keys of terms and pairs (from <see cref="QuestionTermIds"/>).</param>
    public double QuestionWordLogLikelihood(int article, IEnumerable<long> termIds)
    {
        ArgumentNullException.ThrowIfNull(termIds);
        var counts = _questionTermCounts[article];
        var denominator = Math.Log(_questionTermTotals[article] + (QuestionWordSmoothing * _questionVocabulary.Count));
        var sum = 0.0;
        foreach (var id in termIds)
        {
            if (!_questionVocabulary.Contains(id)) continue;
            sum += Math.Log(counts.GetValueOrDefault(id) + QuestionWordSmoothing) - denominator;
        }

        return sum;
    }

    public int SectionCount(int article) => _sectionTerms[article].Length;

    /// <summary>True when the article contains every stem of the phrase (order is not checked).</summary>
    public bool ContainsAll(int article, IReadOnlyList<string> stems) => TermIds(stems) is { } ids && ContainsTerms(article, ids);

    /// <summary>
    /// True when the article's own description of itself (title, summary, questions, tags: what maintainers wrote
    /// to say what the article is about) contains every stem, as opposed to a word its body mentions in passing.
    /// </summary>
    public bool TopicContainsAll(int article, IReadOnlyList<string> stems) => TermIds(stems) is { } ids && TopicContainsTerms(article, ids);

    /// <summary>True when one section of the article (its heading or text) contains every stem.</summary>
    public bool SectionContainsAll(int article, int section, IReadOnlyList<string> stems) =>
        TermIds(stems) is { } ids && SectionContainsTerms(article, section, ids);

    /// <summary>The term ids of <paramref name="stems"/>, or null when one of them occurs nowhere (or there are none).</summary>
    public int[]? TermIds(IReadOnlyList<string> stems)
    {
        if (stems.Count == 0) return null;
        var ids = new int[stems.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_termIds.TryGetValue(stems[i], out ids[i])) return null;
        }

        return ids;
    }

    /// <summary>True when the heading of one section of the article contains every term (ids from <see cref="TermIds"/>).</summary>
    public bool HeadingContainsTerms(int article, int section, int[] ids) =>
        section < _headingTerms[article].Length && HasAll(_headingTerms[article][section], ids);

    /// <summary>True when the article's title contains every term (ids from <see cref="TermIds"/>).</summary>
    public bool TitleContainsTerms(int article, int[] ids) => HasAll(_titleTerms[article], ids);

    /// <summary><see cref="ContainsAll(int, IReadOnlyList{string})"/> for ids from <see cref="TermIds"/>.</summary>
    public bool ContainsTerms(int article, int[] ids) => HasAll(_articleTerms[article], ids);

    /// <summary><see cref="TopicContainsAll(int, IReadOnlyList{string})"/> for ids from <see cref="TermIds"/>.</summary>
    public bool TopicContainsTerms(int article, int[] ids) => HasAll(_topicTerms[article], ids);

    /// <summary><see cref="SectionContainsAll(int, int, IReadOnlyList{string})"/> for ids from <see cref="TermIds"/>.</summary>
    public bool SectionContainsTerms(int article, int section, int[] ids) =>
        section < _sectionTerms[article].Length && HasAll(_sectionTerms[article][section], ids);

    /// <remarks>
    /// Ranking asks this thousands of times per question (every concept against every section of the candidates),
    /// so it searches a span (the int compare is inlined, where <c>Array.BinarySearch</c> calls through a comparer).
    /// </remarks>
    private static bool HasAll(int[] sortedTerms, int[] ids)
    {
        foreach (var id in ids)
        {
            if (!Has(sortedTerms, id)) return false;
        }

        return ids.Length > 0;
    }

    private static bool Has(int[] sortedTerms, int id) => sortedTerms.AsSpan().BinarySearch(id) >= 0;

    /// <remarks>
    /// Every word of 10,000 articles goes through here (about 4 million), so a word already seen costs one dictionary
    /// lookup by its span: no string, token or stem per word (a new word's string and stem are made once).
    /// </remarks>
    private sealed class Builder
    {
        /// <summary>Every folded word seen: its stem's term id and how often it occurred where surface words count.</summary>
        private readonly Dictionary<string, Word> _words = new(StringComparer.Ordinal);

        /// <summary>The words counted as surface words, in the order of their first count (the order <see cref="Surface"/> lists them).</summary>
        private readonly List<string> _surfaceOrder = [];

        private readonly HashSet<int> _ids = [];

        private readonly Dictionary<string, Word>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Builder() => _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();

        public Dictionary<string, int> TermIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Surface
        {
            get
            {
                var surface = new Dictionary<string, int>(_surfaceOrder.Count, StringComparer.Ordinal);
                foreach (var word in _surfaceOrder) surface[word] = _words[word].Count;
                return surface;
            }
        }

        /// <summary>The term id of each word of <paramref name="text"/>, in order (no surface words counted).</summary>
        public List<int> OrderedIds(string text)
        {
            var ids = new List<int>();
            TextTokenizer.Words(text, (span, _, _) =>
            {
                if (!_lookup.TryGetValue(span, out _, out var word))
                {
                    var key = new string(span);
                    var stem = LuceneAnalysis.Stem(key, keep: true);
                    if (!TermIds.TryGetValue(stem, out var id)) TermIds[stem] = id = TermIds.Count;
                    word = new Word(id);
                    _words.Add(key, word);
                }

                ids.Add(word.TermId);
                return true;
            });
            return ids;
        }

        public int[] Ids(IEnumerable<string> texts, bool countSurface = true)
        {
            _ids.Clear();
            foreach (var text in texts)
            {
                TextTokenizer.Words(text, (span, _, _) =>
                {
                    if (!_lookup.TryGetValue(span, out var key, out var word))
                    {
                        key = new string(span);
                        var stem = LuceneAnalysis.Stem(key, keep: true);
                        if (!TermIds.TryGetValue(stem, out var id)) TermIds[stem] = id = TermIds.Count;
                        word = new Word(id);
                        _words.Add(key, word);
                    }

                    if (countSurface && word.Count++ == 0) _surfaceOrder.Add(key);
                    _ids.Add(word.TermId);
                    return true;
                });
            }

            var sorted = _ids.ToArray();
            Array.Sort(sorted);
            return sorted;
        }

        private sealed class Word(int termId)
        {
            public int TermId { get; } = termId;

            public int Count { get; set; }
        }
    }
}
