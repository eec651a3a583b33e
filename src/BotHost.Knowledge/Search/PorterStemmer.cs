namespace BotHost.Knowledge.Search;

/// <summary>
/// The Porter stemmer exactly as SQLite's FTS5 "porter" tokenizer applies it (sqlite ext/fts5/fts5_tokenize.c):
/// tokens shorter than 3 or longer than 64 bytes pass through unchanged, step 2 uses the revised "bli" and "logi"
/// rules, and non-ASCII tokens are not stemmed. The query side needs the same stems as the index to compute term
/// coverage and to correct typos against the index's vocabulary; a test compares this class with fts5vocab.
/// </summary>
public static class PorterStemmer
{
    private const int MinLength = 3;
    private const int MaxLength = 64;

    // Step 2 and 3 rules: suffix -> replacement, applied when the measure of the remaining stem is > 0.
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("logi", "log"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
        ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    // Step 4 suffixes, removed when the measure of the remaining stem is > 1 ("ion" also needs a stem ending in s or t).
    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    public static string Stem(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is < MinLength or > MaxLength || !IsAscii(token)) return token;
        if (Stems.TryGetValue(token, out var known)) return known;
        var stem = Compute(token);
        if (Stems.Count < MaxRemembered) Stems.TryAdd(token, stem);
        return stem;
    }

    /// <summary>
    /// Stems already computed: snippets stem every word of the quoted sections at each question, and the words
    /// of a knowledge base are few. Bounded, so member words cannot grow it without limit.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    private const int MaxRemembered = 200_000;

    private static string Compute(string token)
    {
        Span<char> buffer = stackalloc char[MaxLength + 8];
        token.AsSpan().CopyTo(buffer);
        var length = token.Length;

        Step1A(buffer, ref length);
        if (Step1B(buffer, ref length)) Step1BCleanup(buffer, ref length);
        if (buffer[length - 1] == 'y' && HasVowel(buffer[..(length - 1)])) buffer[length - 1] = 'i';
        ApplyFirstMatching(buffer, ref length, Step2Rules, minMeasure: 1);
        ApplyFirstMatching(buffer, ref length, Step3Rules, minMeasure: 1);
        Step4(buffer, ref length);
        Step5(buffer, ref length);
        return new string(buffer[..length]);
    }

    private static bool IsAscii(string token)
    {
        foreach (var c in token)
        {
            if (c > 0x7f) return false;
        }

        return true;
    }

    private static bool IsVowel(char c, bool yIsVowel) => c is 'a' or 'e' or 'i' or 'o' or 'u' || (yIsVowel && c == 'y');

    /// <summary>Porter's measure m of a stem: the number of vowel-consonant sequences.</summary>
    private static int Measure(ReadOnlySpan<char> stem)
    {
        var measure = 0;
        var consonant = false;
        var sawVowel = false;
        for (var i = 0; i < stem.Length; i++)
        {
            consonant = !IsVowel(stem[i], consonant);
            if (!consonant) sawVowel = true;
            else if (sawVowel)
            {
                measure++;
                sawVowel = false;
            }
        }

        return measure;
    }

    private static bool HasVowel(ReadOnlySpan<char> stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (IsVowel(stem[i], i > 0)) return true;
        }

        return false;
    }

    /// <summary>*o: the stem ends consonant-vowel-consonant and the last consonant is not w, x or y.</summary>
    private static bool EndsCvc(ReadOnlySpan<char> stem)
    {
        if (stem.Length == 0 || stem[^1] is 'w' or 'x' or 'y') return false;
        var mask = 0;
        var consonant = false;
        foreach (var c in stem)
        {
            consonant = !IsVowel(c, consonant);
            mask = (mask << 1) | (consonant ? 1 : 0);
        }

        return (mask & 0b111) == 0b101;
    }

    private static bool EndsWith(ReadOnlySpan<char> word, string suffix) =>
        word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal);

    private static void Step1A(Span<char> b, ref int n)
    {
        if (b[n - 1] != 's') return;
        if (b[n - 2] == 'e')
        {
            var sses = n > 4 && b[n - 4] == 's' && b[n - 3] == 's';
            var ies = n > 3 && b[n - 3] == 'i';
            n -= sses || ies ? 2 : 1;
        }
        else if (b[n - 2] != 's')
        {
            n--;
        }
    }

    /// <returns>True when "ed" or "ing" was removed, so the clean-up rules apply.</returns>
    private static bool Step1B(Span<char> b, ref int n)
    {
        var word = b[..n];
        if (EndsWith(word, "eed"))
        {
            if (Measure(word[..(n - 3)]) > 0) n--;
            return false;
        }

        if (EndsWith(word, "ed") && HasVowel(word[..(n - 2)]))
        {
            n -= 2;
            return true;
        }

        if (EndsWith(word, "ing") && HasVowel(word[..(n - 3)]))
        {
            n -= 3;
            return true;
        }

        return false;
    }

    private static void Step1BCleanup(Span<char> b, ref int n)
    {
        var word = b[..n];
        if (EndsWith(word, "at") || EndsWith(word, "bl") || EndsWith(word, "iz"))
        {
            b[n++] = 'e';
            return;
        }

        var last = b[n - 1];
        if (!IsVowel(last, false) && last is not ('l' or 's' or 'z') && n > 1 && last == b[n - 2])
        {
            n--;
        }
        else if (Measure(word) == 1 && EndsCvc(word))
        {
            b[n++] = 'e';
        }
    }

    private static void ApplyFirstMatching(Span<char> b, ref int n, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        var word = b[..n];
        foreach (var (suffix, replacement) in rules)
        {
            if (!EndsWith(word, suffix)) continue;
            var stem = n - suffix.Length;
            if (Measure(word[..stem]) >= minMeasure)
            {
                replacement.AsSpan().CopyTo(b[stem..]);
                n = stem + replacement.Length;
            }

            return;
        }
    }

    private static void Step4(Span<char> b, ref int n)
    {
        var word = b[..n];
        foreach (var suffix in Step4Suffixes)
        {
            if (!EndsWith(word, suffix)) continue;
            var stem = word[..(n - suffix.Length)];
            var allowed = Measure(stem) > 1 && (suffix != "ion" || stem[^1] is 's' or 't');
            if (allowed) n = stem.Length;
            return;
        }
    }

    private static void Step5(Span<char> b, ref int n)
    {
        if (b[n - 1] == 'e')
        {
            var stem = b[..(n - 1)];
            var measure = Measure(stem);
            if (measure > 1 || (measure == 1 && !EndsCvc(stem))) n--;
        }

        if (n > 1 && b[n - 1] == 'l' && b[n - 2] == 'l' && Measure(b[..(n - 1)]) > 1) n--;
    }
}
