namespace BotHost.Knowledge.Search;

/// <summary>
/// Groups of words and phrases that mean the same to a member (knowledge/synonyms.yaml). Applied to the question
/// only, so maintainers can change them without re-indexing.
/// </summary>
public sealed class SynonymSet
{
    private readonly Dictionary<string, List<(string[] Words, int Group)>> _byFirstWord;

    /// <param name="groups">Each group's phrases as written; phrases are tokenized the same way as questions.</param>
    public SynonymSet(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = [.. groups.Select(g => (IReadOnlyList<string>)[.. g])];
        PhraseWords = [.. Groups.Select(g => (IReadOnlyList<string[]>)[.. g.Select(Words).Where(w => w.Length > 0)])];
        _byFirstWord = new Dictionary<string, List<(string[], int)>>(StringComparer.Ordinal);
        for (var group = 0; group < PhraseWords.Count; group++)
        {
            foreach (var words in PhraseWords[group])
            {
                if (!_byFirstWord.TryGetValue(words[0], out var list)) _byFirstWord[words[0]] = list = [];
                list.Add((words, group));
            }
        }

        foreach (var list in _byFirstWord.Values) list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    public static SynonymSet Empty { get; } = new([]);

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>Each group's phrases as folded word arrays.</summary>
    public IReadOnlyList<IReadOnlyList<string[]>> PhraseWords { get; }

    /// <summary>
    /// Finds synonym phrases in a question's words, longest first and without overlaps
    /// ("child porn" is matched as one phrase before "porn" alone).
    /// </summary>
    public IReadOnlyList<SynonymMatch> Find(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var matches = new List<SynonymMatch>();
        var i = 0;
        while (i < words.Count)
        {
            var match = LongestAt(words, i);
            if (match is { } m)
            {
                matches.Add(m);
                i += m.Length;
            }
            else
            {
                i++;
            }
        }

        return matches;
    }

    private SynonymMatch? LongestAt(IReadOnlyList<string> words, int start)
    {
        if (!_byFirstWord.TryGetValue(words[start], out var candidates)) return null;
        foreach (var (phrase, group) in candidates)
        {
            if (start + phrase.Length > words.Count) continue;
            var all = true;
            for (var k = 1; k < phrase.Length && all; k++) all = words[start + k] == phrase[k];
            if (all) return new SynonymMatch(start, phrase.Length, group);
        }

        return null;
    }

    private static string[] Words(string phrase) => [.. TextTokenizer.Tokenize(phrase).Select(t => t.Text)];
}
