namespace BotHost.Knowledge.Search;

/// <summary>
/// Corrects misspelt words against the knowledge base's own vocabulary, with Meilisearch's budget: no correction
/// under 5 letters, one edit from 5 letters, two from 9 (an edit is an insertion, deletion, substitution or swap of
/// neighbouring letters, counted by Lucene's Levenshtein automata, see <see cref="Typos"/>). A word that exists is never "corrected". Candidates must share the first letter (or
/// swap the first two, never merely drop the first: "stalking" is not "talking"), which is how people mistype and keeps the search to a few hundred words.
/// </summary>
public sealed class SpellingCorrector
{
    public const int OneTypoMinLength = 5;
    public const int TwoTyposMinLength = 9;

    private readonly Dictionary<(char First, int Length), List<string>> _buckets = [];
    private readonly IReadOnlyDictionary<string, int> _frequency;

    /// <param name="words">Correctly spelt words and how often they occur (the articles' words and synonym phrases).</param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        _frequency = words;
        foreach (var word in words.Keys.Where(w => w.Length >= OneTypoMinLength - 2 && w.All(char.IsLetter)))
        {
            var key = (word[0], word.Length);
            if (!_buckets.TryGetValue(key, out var list)) _buckets[key] = list = [];
            list.Add(word);
        }
    }

    public static int AllowedTypos(int length) => length >= TwoTyposMinLength ? 2 : length >= OneTypoMinLength ? 1 : 0;

    /// <summary>The closest known word within the typo budget, or null (ties go to the more frequent word).</summary>
    public string? Correct(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var budget = AllowedTypos(word.Length);
        if (budget == 0 || _frequency.ContainsKey(word) || !word.All(char.IsLetter)) return null;
        var typos = new Typos(word, budget);
        string? best = null;
        var bestDistance = budget + 1;
        foreach (var candidate in Candidates(word, budget))
        {
            if (typos.Distance(candidate) is not { } distance) continue;
            if (distance < bestDistance || (distance == bestDistance && Better(candidate, best!)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private bool Better(string candidate, string current)
    {
        var difference = _frequency[candidate].CompareTo(_frequency[current]);
        return difference > 0 || (difference == 0 && string.CompareOrdinal(candidate, current) < 0);
    }

    private IEnumerable<string> Candidates(string word, int budget)
    {
        IEnumerable<char> firsts = word.Length > 1 && word[1] != word[0] ? [word[0], word[1]] : [word[0]];
        foreach (var first in firsts)
        {
            for (var length = word.Length - budget; length <= word.Length + budget; length++)
            {
                if (!_buckets.TryGetValue((first, length), out var list)) continue;
                foreach (var candidate in list)
                {
                    // The second letter's bucket is there for a swap of the first two letters ("tsalking"); a word
                    // that only drops the first letter is another word ("stalking" is not a typo of "talking").
                    if (first != word[0] && (candidate.Length < 2 || candidate[1] != word[0])) continue;
                    yield return candidate;
                }
            }
        }
    }
}
