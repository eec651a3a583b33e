using System.Text;
using BotHost.Knowledge.Answers;

namespace BotHost.Slack.Rendering;

/// <summary>
/// A snippet as a mrkdwn block quote: every line starts with "&gt;", matched words are bold, everything else is
/// escaped. A snippet over the budget is shortened on a word boundary before rendering, never mid-markup.
/// </summary>
internal static class SnippetQuote
{
    public static string Render(Snippet snippet, int budget)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var text = snippet.Text.Trim('\n');
        var full = Render(text, snippet.Highlights, text.Length, ellipsis: false);
        if (full.Length <= budget) return full;

        // The longest prefix that fits, found by bisection (rendering is linear, snippets are short).
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Render(text, snippet.Highlights, mid, ellipsis: true).Length <= budget) low = mid;
            else high = mid - 1;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, low - 1));
        return Render(text, snippet.Highlights, cut > low / 2 ? cut : low, ellipsis: true);
    }

    private static string Render(string text, IReadOnlyList<TextRange> highlights, int length, bool ellipsis)
    {
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1])) length--;
        var bold = Boldable(text, highlights, length);
        var quote = new StringBuilder(length + 32).Append('>');
        var next = 0;
        for (var i = 0; i < length; i++)
        {
            if (next < bold.Count && bold[next].Start == i) quote.Append('*');
            var c = text[i];
            if (c == '\n') quote.Append("\n>");
            else if (c != '\r') SlackMrkdwn.AppendEscaped(quote, c);
            if (next < bold.Count && bold[next].End == i + 1)
            {
                quote.Append('*');
                next++;
            }
        }

        if (ellipsis) quote.Append('…');
        return quote.ToString();
    }

    /// <summary>
    /// Highlights that mrkdwn can show in bold: whole words (Slack only bolds "*…*" at word boundaries), no line
    /// breaks or asterisks inside, not overlapping, and wholly within the rendered length.
    /// </summary>
    private static List<TextRange> Boldable(string text, IReadOnlyList<TextRange> highlights, int length)
    {
        var result = new List<TextRange>();
        var end = 0;
        foreach (var range in highlights.OrderBy(h => h.Start))
        {
            if (range.Length <= 0 || range.Start < end || range.End > length) continue;
            var word = text.AsSpan(range.Start, range.Length);
            if (char.IsWhiteSpace(word[0]) || char.IsWhiteSpace(word[^1]) || word.IndexOfAny('\n', '*') >= 0) continue;
            if (range.Start > 0 && char.IsLetterOrDigit(text[range.Start - 1])) continue;
            if (range.End < text.Length && char.IsLetterOrDigit(text[range.End])) continue;
            result.Add(range);
            end = range.End;
        }

        return result;
    }
}
