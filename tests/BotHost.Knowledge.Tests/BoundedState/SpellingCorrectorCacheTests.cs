using System.Reflection;
using System.Runtime.CompilerServices;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.BoundedState;

/// <summary>
/// Issue #16, bounded state: the spelling corrector remembers corrections keyed by a hash of the member's word
/// (<see cref="SpellingCorrector.RememberedWords"/> at most). 100,000 distinct unknown words go through one corrector:
/// what it remembers never exceeds the bound, it keeps none of the words, and every answer, remembered or not, is the
/// answer of a corrector that has never seen a word before.
/// </summary>
public sealed class SpellingCorrectorCacheTests
{
    private const int Words = 100_000;

    /// <summary>
    /// 300 six-letter known words "sa????" (third letter a to f, as the typed words' are), so about a quarter of the typed
    /// words are one substitution from one or more of them (ties go by frequency), and the rest correct to nothing.
    /// </summary>
    private static readonly Dictionary<string, int> Known = KnownWords();

    [Fact]
    public void Correct_100000DistinctUnknownWords_RemembersAtMostTheBoundAndAnswersAsUncached()
    {
        var corrector = new SpellingCorrector(Known);
        var remembered = Remembered(corrector);

        var (results, most, samples) = Drive(corrector, remembered);

        FullCollection();
        Assert.True(most <= SpellingCorrector.RememberedWords, $"remembered {most} words, the bound is {SpellingCorrector.RememberedWords}");
        Assert.True(remembered.Count >= SpellingCorrector.RememberedWords / 2, $"remembered only {remembered.Count}: is the cache still used?");
        Assert.All(samples, sample => Assert.False(sample.IsAlive));
        var corrected = results.Count(r => r is not null);
        Assert.InRange(corrected, Words / 10, Words / 2);
        Assert.All(results.Where(r => r is not null), r => Assert.True(Known.ContainsKey(r!), $"{r} is not a known word"));
    }

    /// <summary>
    /// Sends <see cref="Words"/> distinct unknown words through <paramref name="corrector"/>: every fifth answer is
    /// compared with a new corrector's (a first answer is computed, never remembered, so the others are uncached answers
    /// too; building a word's automata is what this test spends its time on), every word is asked again 1,000 words
    /// later (remembered by then) and every hundredth again 50,000 words later (dropped by then). Returns the answers,
    /// the most remembered at any time and weak references to every thousandth word. Not inlined, so no word is still on
    /// the caller's stack when it collects.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (string?[] Results, int Most, WeakReference[] Samples) Drive(SpellingCorrector corrector, BoundedCache<UInt128, string?> remembered)
    {
        var words = new string[Words];
        var results = new string?[Words];
        var samples = new List<WeakReference>(Words / 1_000);
        var most = 0;
        var next = 0;
        for (var i = 0; i < Words; i++)
        {
            while (Known.ContainsKey(Typed(next))) next++;
            words[i] = Typed(next++);
            results[i] = corrector.Correct(words[i]);
            if (i % 5 == 0 && new SpellingCorrector(Known).Correct(words[i]) is var uncached && !string.Equals(results[i], uncached, StringComparison.Ordinal))
            {
                Assert.Fail($"word {i} {words[i]}: {results[i]} where an uncached corrector says {uncached}");
            }

            if (i >= 1_000 && !string.Equals(corrector.Correct(words[i - 1_000]), results[i - 1_000], StringComparison.Ordinal)) Assert.Fail($"word {i - 1_000} changed when asked again");
            if (i >= 50_000 && i % 100 == 0 && !string.Equals(corrector.Correct(words[i - 50_000]), results[i - 50_000], StringComparison.Ordinal)) Assert.Fail($"word {i - 50_000} changed when asked again");
            most = Math.Max(most, remembered.Count);
            if (i % 1_000 == 0) samples.Add(new WeakReference(words[i]));
        }

        return (results, most, [.. samples]);
    }

    /// <summary>The i-th typed word, a new string each call: "sa" and i in four letters ("saaaaa", "saaaab", ...).</summary>
    private static string Typed(int i) =>
        new(['s', 'a', (char)('a' + (i / 17_576 % 26)), (char)('a' + (i / 676 % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i % 26))]);

    private static Dictionary<string, int> KnownWords()
    {
        var random = new Random(16);
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        while (known.Count < 300) known[Typed(random.Next(Words))] = random.Next(1, 20);
        return known;
    }

    /// <summary>
    /// The corrector's private cache, read by reflection so the production class keeps no member for tests; a renamed
    /// field fails here, not silently.
    /// </summary>
    private static BoundedCache<UInt128, string?> Remembered(SpellingCorrector corrector) =>
        typeof(SpellingCorrector).GetField("_corrected", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(corrector) as BoundedCache<UInt128, string?>
        ?? throw new InvalidOperationException("SpellingCorrector._corrected is not a BoundedCache<UInt128, string?> any more: update this test");

    private static void FullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
