namespace BotHost.Knowledge.Search;

/// <summary>
/// Turns what a member typed into concepts and the <see cref="LexicalQuery"/> the index runs (words and stems, never
/// query syntax). The steps, each switchable for
/// <c>kb eval --ablation</c>: chat normalisation, spelling correction, synonyms, stop words.
/// </summary>
public sealed class QueryAnalyzer
{
    /// <summary>Only the start of a very long message is searched: questions are short, and it bounds the work.</summary>
    public const int MaxInputChars = 2000;

    public const int MaxConcepts = 24;

    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly IReadOnlyDictionary<string, int> _surfaceWords;
    private readonly SynonymSet _synonyms;
    private readonly HashSet<string> _synonymWords;
    private readonly SpellingCorrector _corrector;
    private readonly SearchFeatures _features;
    private readonly IReadOnlySet<string> _stopWords;
    private readonly HashSet<string> _everydayStems;

    /// <param name="vocabulary">Stems in the index and their passage counts .</param>
    /// <param name="surfaceWords">Words of the articles as written, with their frequency.</param>
    /// <param name="everydayWords">
    /// Words the articles do not use but members do (off-topic.yaml's questions): real words, so never "corrected"
    /// into a knowledge base word ("taxes" is not a typo of "takes", nor "commuting" of "committing").
    /// </param>
    public QueryAnalyzer(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyDictionary<string, int> surfaceWords, SynonymSet synonyms, SearchFeatures features,
        IEnumerable<string>? everydayWords = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(surfaceWords);
        ArgumentNullException.ThrowIfNull(synonyms);
        _vocabulary = vocabulary;
        _surfaceWords = surfaceWords;
        _features = features;
        _synonyms = features.HasFlag(SearchFeatures.Synonyms) ? synonyms : SynonymSet.Empty;
        _synonymWords = [.. _synonyms.PhraseWords.SelectMany(g => g).SelectMany(p => p)];
        _stopWords = features.HasFlag(SearchFeatures.ChatNormalization) ? StopWords.Chat : StopWords.English;
        var dictionary = new Dictionary<string, int>(surfaceWords, StringComparer.Ordinal);
        foreach (var word in _synonymWords) dictionary.TryAdd(word, 1);
        _corrector = new SpellingCorrector(dictionary);
        _everydayStems = [.. (everydayWords ?? []).Select(w => LuceneAnalysis.Stem(w, keep: true))];
        foreach (var word in _synonymWords) LuceneAnalysis.Stem(word, keep: true);
    }

    public AnalyzedQuery Analyze(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.Length > MaxInputChars ? question[..MaxInputChars] : question;
        var corrections = new List<SpellingCorrection>();
        var typed = new List<string>();
        var words = Words(text, corrections, typed);

        var concepts = new List<QueryConcept>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matches = _synonyms.Find(words);
        var next = 0;
        foreach (var match in matches.Append(new SynonymMatch(words.Count, 0, -1)))
        {
            for (; next < match.Start; next++) AddWord(words[next], concepts, seen);
            if (match.Group >= 0) AddSynonym(words, match, concepts, seen);
            next = match.Start + match.Length;
        }

        if (concepts.Count > MaxConcepts) concepts.RemoveRange(MaxConcepts, concepts.Count - MaxConcepts);
        var lexical = LexicalQuery.AnyOf(concepts.SelectMany(SearchedPhrases).Select(p => p.Words));
        var used = corrections.Where(c => concepts.Any(k => k.Alternatives.Any(a => a.Words.Contains(c.ReadAs)))).Distinct().ToList();
        return new AnalyzedQuery(concepts, used, lexical) { Words = typed };
    }

    /// <summary>
    /// The phrases a concept is searched with. Synonyms exist to bridge words the knowledge base does not use ("cp",
    /// "pix"): when the member's own words occur in it, searching for every synonym as well only adds noise to bm25
    /// (all of "child", "kid", "minor", "youth" ... match everywhere). Coverage still counts every alternative.
    /// A word no article uses is still searched as typed: it matches nothing in the articles, but it can match an
    /// everyday question in off-topic.yaml ("taxes"), which is what tells such a question apart.
    /// </summary>
    private IEnumerable<QueryPhrase> SearchedPhrases(QueryConcept concept) =>
        IsKnown(concept.Alternatives[0]) || !concept.Known ? [concept.Alternatives[0]] : concept.Alternatives.Where(IsKnown);

    /// <summary>True when every word of the phrase occurs in the index.</summary>
    public bool IsKnown(QueryPhrase phrase) => phrase.Stems.All(_vocabulary.ContainsKey);

    private List<string> Words(string text, List<SpellingCorrection> corrections, List<string> typed)
    {
        var words = new List<string>();
        foreach (var token in TextTokenizer.Tokenize(text, maxTokens: MaxConcepts * 4))
        {
            typed.Add(token.Text);
            var normalized = _features.HasFlag(SearchFeatures.ChatNormalization)
                ? ChatNormalizer.Normalize(token.Text, IsKnownWord)
                : [token.Text];
            foreach (var word in normalized) words.Add(Correct(word, corrections));
        }

        return words;
    }

    private string Correct(string word, List<SpellingCorrection> corrections)
    {
        if (!_features.HasFlag(SearchFeatures.TypoTolerance) || _stopWords.Contains(word) || IsKnownWord(word)) return word;
        if (_corrector.Correct(word) is not { } corrected) return word;
        corrections.Add(new SpellingCorrection(word, corrected));
        return corrected;
    }

    private bool IsKnownWord(string word)
    {
        if (_surfaceWords.ContainsKey(word) || _synonymWords.Contains(word)) return true;
        var stem = LuceneAnalysis.Stem(word);
        return _vocabulary.ContainsKey(stem) || _everydayStems.Contains(stem);
    }

    private void AddWord(string word, List<QueryConcept> concepts, HashSet<string> seen)
    {
        if (_stopWords.Contains(word)) return;
        var phrase = QueryPhrase.FromWords([word]);
        if (!seen.Add(phrase.Stems[0])) return;
        concepts.Add(new QueryConcept(word, [phrase], IsKnown(phrase)));
    }

    private void AddSynonym(List<string> words, SynonymMatch match, List<QueryConcept> concepts, HashSet<string> seen)
    {
        var typed = words.GetRange(match.Start, match.Length);
        var key = string.Join(' ', _synonyms.PhraseWords[match.Group][0]);
        if (!seen.Add("syn:" + key)) return;
        var alternatives = new List<QueryPhrase> { QueryPhrase.FromWords(typed) };
        alternatives.AddRange(_synonyms.PhraseWords[match.Group]
            .Where(p => !p.SequenceEqual(typed, StringComparer.Ordinal))
            .Select(p => QueryPhrase.FromWords(p)));
        concepts.Add(new QueryConcept(string.Join(' ', typed), alternatives, alternatives.Any(IsKnown)));
        foreach (var stem in alternatives[0].Stems) seen.Add(stem);
    }
}
