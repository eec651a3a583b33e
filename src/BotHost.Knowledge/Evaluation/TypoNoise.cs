namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// Chat-style misspellings for calibration (<c>kb eval --calibrate</c>): one or two words of four letters or more get
/// one edit each (two letters swapped, one dropped or one doubled), chosen by a seeded generator so a run is
/// repeatable. Members type like this; the sentence encoder's cosines fall on misspelt words while the spelling
/// corrector keeps the word features, so a confidence model fitted on clean questions alone leans on the cosines and
/// declines misspelt in-scope questions. Fitting on both teaches it how much the cosines drop with a typo.
/// </summary>
public static class TypoNoise
{
    /// <summary>The text with one or two misspelt words; unchanged when it has no word of four letters or more.</summary>
    public static string Apply(string text, int seed)
    {
        ArgumentNullException.ThrowIfNull(text);
#pragma warning disable CA5394 // not security: a repeatable choice of which letters to change
        var random = new Random(seed);
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 4 && words[i].All(char.IsLetter)).ToList();
        var edits = Math.Min(candidates.Count, 1 + random.Next(2));
        foreach (var i in candidates.OrderBy(_ => random.Next()).Take(edits).ToList())
        {
            var word = words[i];
            var at = 1 + random.Next(word.Length - 2);
            words[i] = random.Next(3) switch
            {
                0 => string.Concat(word.AsSpan(0, at), word.AsSpan(at + 1, 1), word.AsSpan(at, 1), word.AsSpan(at + 2)),
                1 => word.Remove(at, 1),
                _ => word.Insert(at, word[at].ToString()),
            };
        }
#pragma warning restore CA5394

        return string.Join(' ', words);
    }
}
