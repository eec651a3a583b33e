using Lucene.Net.Util.Automaton;

namespace BotHost.Knowledge.Search;

/// <summary>
/// How many typos separate two words, through Lucene's Levenshtein automata (what its <c>FuzzyQuery</c> runs): an
/// insertion, deletion, substitution or swap of two neighbouring letters each count as one ("sextrotion" is one typo
/// from "sextortion"). Lucene builds these automata for at most <see cref="MaxEdits"/> edits.
/// </summary>
public sealed class Typos
{
    public const int MaxEdits = LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE;

    /// <summary>For each number of edits n from 1, the automaton accepting the words within n edits of the word.</summary>
    private readonly CharacterRunAutomaton[] _within;

    /// <param name="word">The word as typed.</param>
    /// <param name="maxEdits">The most edits that count (0 to <see cref="MaxEdits"/>).</param>
    public Typos(string word, int maxEdits)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEdits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEdits, MaxEdits);
        Word = word;
        var automata = new LevenshteinAutomata(word, withTranspositions: true);
        _within = [.. Enumerable.Range(1, maxEdits).Select(n => new CharacterRunAutomaton(automata.ToAutomaton(n)))];
    }

    public string Word { get; }

    /// <summary>The edits from the word to <paramref name="candidate"/>, or null when it is more than the most that count away.</summary>
    public int? Distance(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (string.Equals(candidate, Word, StringComparison.Ordinal)) return 0;
        for (var n = 0; n < _within.Length; n++)
        {
            if (_within[n].Run(candidate)) return n + 1;
        }

        return null;
    }

    /// <summary>The first of the nearest candidates within <paramref name="maxEdits"/> of <paramref name="word"/>, or null.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates, int maxEdits = MaxEdits)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var typos = new Typos(word, maxEdits);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (typos.Distance(candidate) is { } distance && distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }

        return best;
    }
}
