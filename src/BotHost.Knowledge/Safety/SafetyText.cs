using System.Globalization;
using System.Text;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// A message as the safety rules read it: lower case, apostrophes dropped ("don't" = "dont"), everyday chat
/// abbreviations expanded ("im" = "i am", "rn" = "right now"), stretched letters shortened ("killlll" = "kill") and
/// emoji and currency signs kept as words of their own ("$300" = "$ 300"). Rule phrases go through the same steps, so maintainers write them as members
/// type them. A stretched word also matches with its letters squeezed to one ("nuuudes" = "nudes"); an ordinary
/// word does not ("met" is not "meet").
/// </summary>
public sealed class SafetyText
{
    private SafetyText(IReadOnlyList<string> words, IReadOnlyList<string?> stretched, IReadOnlyList<bool> startsClause)
    {
        Words = words;
        Stretched = stretched;
        StartsClause = startsClause;
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>For a word typed with a letter three or more times: the word with every run squeezed to one letter; else null.</summary>
    public IReadOnlyList<string?> Stretched { get; }

    /// <summary>True where a word follows sentence punctuation (. , ! ? ;), so negation does not reach across it.</summary>
    public IReadOnlyList<bool> StartsClause { get; }

    /// <summary>
    /// The last text this thread read without shorthand and its reading: the safety checks read one message several
    /// times (each detector's word features, the stance, the refusal model), so the repeats cost a reference comparison.
    /// One per thread, in memory only, replaced by the next text read.
    /// </summary>
    [ThreadStatic]
    private static (string Text, SafetyText Read)? _last;

    public static SafetyText Read(string text, IReadOnlyDictionary<string, IReadOnlyList<string>>? shorthand = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (shorthand is not null) return ReadWords(text, shorthand);
        if (_last is { } last && ReferenceEquals(last.Text, text)) return last.Read;
        var read = ReadWords(text, null);
        _last = (text, read);
        return read;
    }

    private static SafetyText ReadWords(string text, IReadOnlyDictionary<string, IReadOnlyList<string>>? shorthand)
    {
        var words = new List<string>();
        var stretched = new List<string?>();
        var clause = new List<bool>();
        var pendingBoundary = false;
        var current = new StringBuilder();

        void Flush()
        {
            if (current.Length == 0) return;
            var typed = current.ToString();
            var isStretched = ChatNormalizer.CollapseRuns(typed, 2).Length < typed.Length;
            foreach (var word in Expand(typed, shorthand))
            {
                words.Add(word);
                stretched.Add(isStretched ? ChatNormalizer.CollapseRuns(word, 1) : null);
                clause.Add(pendingBoundary);
                pendingBoundary = false;
            }

            current.Clear();
        }

        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (rune.Value is '\'' or '\u2019' or '\u2018')
            {
                // "don't" reads as "dont"; a quote mark around a word changes nothing.
            }
            else if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol || rune.Value is 0x200D or 0xFE0F)
            {
                Flush();
                if (rune.Value is not (0x200D or 0xFE0F))
                {
                    words.Add(rune.ToString());
                    stretched.Add(null);
                    clause.Add(pendingBoundary);
                    pendingBoundary = false;
                }
            }
            else
            {
                Flush();
                if (rune.Value is '.' or ',' or '!' or '?' or ';' or ':') pendingBoundary = true;
            }
        }

        Flush();
        return new SafetyText(words, stretched, clause);
    }

    /// <summary>One written word as the rules compare it: stretched letters shortened, then abbreviations expanded.</summary>
    internal static IEnumerable<string> Expand(string word, IReadOnlyDictionary<string, IReadOnlyList<string>>? shorthand)
    {
        var shortened = Shorten(word);
        if (shorthand is not null && (shorthand.TryGetValue(shortened, out var own) || shorthand.TryGetValue(ChatNormalizer.CollapseRuns(word, 1), out own)))
        {
            return own;
        }

        return ChatNormalizer.Normalize(shortened, _ => false).Select(Shorten);
    }

    /// <summary>Runs of three or more of a letter become two ("killlll" = "kill", "sooo" = "soo").</summary>
    internal static string Shorten(string word) => ChatNormalizer.CollapseRuns(word, 2);

    public override string ToString() => string.Join(' ', Words);
}
