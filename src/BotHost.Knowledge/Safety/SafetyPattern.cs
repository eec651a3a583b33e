using System.Globalization;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// One phrase of a safety rule, matched word by word against a <see cref="SafetyText"/>. Syntax: words in order;
/// <c>threat*</c> any word starting with "threat"; <c>(pics|nudes|video)</c> one of several words; <c>...</c> up to
/// four words of anything; <c>&lt;adult&gt;</c> a number from 18 to 99, <c>&lt;minor&gt;</c> from 1 to 17, <c>&lt;number&gt;</c> any number. (Not
/// "#adult": in YAML a # after a space starts a comment and would silently cut the phrase short.)
/// </summary>
public sealed class SafetyPattern
{
    /// <summary>How many words <c>...</c> may skip.</summary>
    public const int MaxGap = 4;

    private readonly Element[] _elements;

    private SafetyPattern(string source, Element[] elements)
    {
        Source = source;
        _elements = elements;
    }

    public string Source { get; }

    /// <summary>Parses a phrase; returns null with a reason when it cannot match anything.</summary>
    public static SafetyPattern? Parse(string phrase, IReadOnlyDictionary<string, IReadOnlyList<string>>? shorthand, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        problem = null;
        var elements = new List<Element>();
        foreach (var raw in SplitTerms(phrase))
        {
            if (raw == "...")
            {
                elements.Add(new Element(ElementKind.Gap, []));
            }
            else if (raw.StartsWith('<'))
            {
                var kind = raw switch
                {
                    "<adult>" => ElementKind.Adult,
                    "<minor>" => ElementKind.Minor,
                    "<number>" => ElementKind.Number,
                    _ => (ElementKind?)null,
                };
                if (kind is null)
                {
                    problem = $"unknown placeholder '{raw}' (use <adult>, <minor> or <number>)";
                    return null;
                }

                elements.Add(new Element(kind.Value, []));
            }
            else if (raw.StartsWith('(') && raw.EndsWith(')'))
            {
                var options = new List<string[]>();
                foreach (var option in raw[1..^1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var read = Words(option, shorthand);
                    if (read.Length == 0)
                    {
                        problem = $"'{option}' in '{raw}' has no letters";
                        return null;
                    }

                    options.Add(read);
                }

                if (options.Count == 0)
                {
                    problem = $"'{raw}' has no words";
                    return null;
                }

                elements.Add(new Element(ElementKind.OneOf, [.. options.Select(o => o.Select(w => new PatternWord(w)).ToArray())]));
            }
            else
            {
                var read = Words(raw, shorthand);
                elements.AddRange(read.Select(w => new Element(ElementKind.OneOf, [[new PatternWord(w)]])));
            }
        }

        if (elements.Count == 0 || elements.All(e => e.Kind == ElementKind.Gap))
        {
            problem = $"'{phrase}' has no words to match";
            return null;
        }

        if (elements[0].Kind == ElementKind.Gap || elements[^1].Kind == ElementKind.Gap)
        {
            problem = $"'{phrase}' must not start or end with '...'";
            return null;
        }

        return new SafetyPattern(phrase.Trim(), [.. elements]);
    }

    /// <summary>Every place the phrase matches, as [start, end) word ranges; masked words never match.</summary>
    public IEnumerable<(int Start, int End)> Matches(SafetyText text, IReadOnlyList<bool>? masked = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var start = 0; start < text.Words.Count; start++)
        {
            var end = MatchFrom(text, masked, start, 0);
            if (end >= 0) yield return (start, end);
        }
    }

    public bool IsMatch(SafetyText text, IReadOnlyList<bool>? masked = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var start = 0; start < text.Words.Count; start++)
        {
            if (MatchFrom(text, masked, start, 0) >= 0) return true;
        }

        return false;
    }

    /// <summary>True when the phrase matches somewhere in the reading's text, outside its masks, where the match does not start negated.</summary>
    internal bool IsMatchNotNegated(SafetyReading reading)
    {
        for (var start = 0; start < reading.Text.Words.Count; start++)
        {
            if (MatchFrom(reading.Text, reading.Masked, start, 0) >= 0 && !reading.IsNegated(start)) return true;
        }

        return false;
    }

    private int MatchFrom(SafetyText text, IReadOnlyList<bool>? masked, int position, int element)
    {
        if (element == _elements.Length) return position;
        var current = _elements[element];
        if (current.Kind == ElementKind.Gap)
        {
            for (var skip = 0; skip <= MaxGap && position + skip <= text.Words.Count; skip++)
            {
                if (skip > 0 && masked?[position + skip - 1] == true) break;
                var end = MatchFrom(text, masked, position + skip, element + 1);
                if (end >= 0) return end;
            }

            return -1;
        }

        if (current.Kind != ElementKind.OneOf)
        {
            if (position >= text.Words.Count || masked?[position] == true || !IsNumberIn(current.Kind, text.Words[position])) return -1;
            return MatchFrom(text, masked, position + 1, element + 1);
        }

        foreach (var option in current.Options)
        {
            var next = position;
            foreach (var word in option)
            {
                if (next >= text.Words.Count || masked?[next] == true || !word.Accepts(text.Words[next], text.Stretched[next]))
                {
                    next = -1;
                    break;
                }

                next++;
            }

            if (next < 0) continue;
            var end = MatchFrom(text, masked, next, element + 1);
            if (end >= 0) return end;
        }

        return -1;
    }

    /// <summary>
    /// A pattern word ("kill", or "threat*" for a prefix) with its squeezed form, both made once when the rules load
    /// (they were made again for every message word compared).
    /// </summary>
    private sealed class PatternWord
    {
        private readonly string _text;
        private readonly bool _prefix;
        private readonly string _squeezed;

        public PatternWord(string pattern)
        {
            _prefix = pattern.EndsWith('*');
            _text = _prefix ? pattern[..^1] : pattern;
            _squeezed = ChatNormalizer.CollapseRuns(_text, 1);
        }

        /// <summary>The pattern word against a message word, or its squeezed form when it was stretched.</summary>
        public bool Accepts(string word, string? stretched) => _prefix
            ? word.StartsWith(_text, StringComparison.Ordinal) || (stretched is not null && stretched.StartsWith(_squeezed, StringComparison.Ordinal))
            : word == _text || (stretched is not null && stretched == _squeezed);
    }

    private static bool IsNumberIn(ElementKind kind, string word) => kind switch
    {
        ElementKind.Adult => Number(word) is >= 18 and <= 99,
        ElementKind.Minor => Number(word) is >= 1 and <= 17,
        ElementKind.Number => Number(word) is not null,
        _ => false,
    };

    /// <summary>Words of one term as the rules compare them; a trailing * (prefix) stays on the last word.</summary>
    private static string[] Words(string term, IReadOnlyDictionary<string, IReadOnlyList<string>>? shorthand)
    {
        var prefix = term.EndsWith('*');
        var words = SafetyText.Read(prefix ? term[..^1] : term, shorthand).Words.ToArray();
        if (prefix && words.Length > 0) words[^1] += "*";
        return words;
    }

    /// <summary>Splits a phrase on spaces, keeping "(a b|c)" together.</summary>
    private static List<string> SplitTerms(string phrase)
    {
        var terms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= phrase.Length; i++)
        {
            if (i < phrase.Length && phrase[i] == '(') depth++;
            if (i < phrase.Length && phrase[i] == ')') depth = Math.Max(0, depth - 1);
            if (i == phrase.Length || (phrase[i] == ' ' && depth == 0))
            {
                var term = phrase[start..i].Trim();
                if (term.Length > 0) terms.Add(term);
                start = i + 1;
            }
        }

        return terms;
    }

    private static int? Number(string word) =>
        word.Length is > 0 and <= 6 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public override string ToString() => Source;

    private enum ElementKind
    {
        OneOf,
        Gap,
        Adult,
        Minor,
        Number,
    }

    /// <param name="Options">For <see cref="ElementKind.OneOf"/>: the word sequences any one of which matches here.</param>
    private sealed record Element(ElementKind Kind, PatternWord[][] Options);
}
