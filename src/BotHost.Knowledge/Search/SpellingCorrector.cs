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

    /// <summary>Words whose correction is remembered (<see cref="Correct"/>), about 40 bytes each.</summary>
    public const int RememberedWords = 4_096;

    private readonly Dictionary<(char First, int Length), List<string>> _buckets = [];
    private readonly IReadOnlyDictionary<string, int> _frequency;

    /// <summary>
    /// The correction of recently corrected words, keyed by a hash of the word (never the member's word itself; the
    /// value is a word of the knowledge base, or null): building a word's Levenshtein automata costs far more than the
    /// search they drive, and members misspell the same words. Bounded, in memory, one per knowledge version.
    /// </summary>
    private readonly BoundedCache<UInt128, string?> _corrected = new(RememberedWords);

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
        var key = Key(word);
        if (_corrected.TryGet(key, out var known)) return known;
        var best = Nearest(word, budget);
        _corrected.Add(key, best);
        return best;
    }

    /// <summary>128 bits of the word's SHA-256 (as typed: case matters to the buckets).</summary>
    private static UInt128 Key(string word)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(word.AsSpan()), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private string? Nearest(string word, int budget)
    {
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
