using System.Text;

namespace BotHost.Console.Rendering;

/// <summary>
/// Draws the Discord markdown the bot sends as HTML, the way the client shows it: <c>&gt; </c> lines as a block quote,
/// <c>**bold**</c>, <c>[label](url)</c> and bare web addresses as links, backslash escapes as the plain character.
/// Only that subset: the renderer escapes every other markdown character, so nothing else can occur.
/// </summary>
internal static class DiscordMarkdownHtml
{
    public static string Render(string markdown) =>
        ChatMarkupHtml.Render(markdown, line => line.StartsWith("> ", StringComparison.Ordinal) || line == ">" ? line[Math.Min(2, line.Length)..] : null, Inline);

    private static void Inline(StringBuilder html, string text)
    {
        var bold = false;
        var plain = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1]))
            {
                plain.Append(text[++i]);
                continue;
            }

            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                ChatMarkupHtml.Flush(html, plain);
                html.Append(bold ? "</strong>" : "<strong>");
                bold = !bold;
                i++;
                continue;
            }

            if (c == '[' && TryLink(text, i, out var label, out var url, out var end))
            {
                ChatMarkupHtml.Flush(html, plain);
                ChatMarkupHtml.AppendLink(html, url, Unescape(label));
                i = end;
                continue;
            }

            if (c == 'h' && TryBareUrl(text, i, out var bare))
            {
                ChatMarkupHtml.Flush(html, plain);
                ChatMarkupHtml.AppendLink(html, bare, bare);
                i += bare.Length - 1;
                continue;
            }

            plain.Append(c);
        }

        ChatMarkupHtml.Flush(html, plain);
        if (bold) html.Append("</strong>");
    }

    /// <summary><c>[label](url)</c> starting at <paramref name="start"/>; the label may hold escaped brackets.</summary>
    private static bool TryLink(string text, int start, out string label, out string url, out int end)
    {
        label = url = string.Empty;
        end = start;
        var close = start + 1;
        while (close < text.Length && text[close] != ']') close += text[close] == '\\' ? 2 : 1;
        if (close + 1 >= text.Length || text[close + 1] != '(') return false;
        var paren = text.IndexOf(')', close + 2);
        if (paren < 0) return false;
        label = text[(start + 1)..close];
        url = text[(close + 2)..paren];
        end = paren;
        return url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal);
    }

    private static bool TryBareUrl(string text, int start, out string url)
    {
        url = string.Empty;
        var rest = text.AsSpan(start);
        if (!rest.StartsWith("https://", StringComparison.Ordinal) && !rest.StartsWith("http://", StringComparison.Ordinal)) return false;
        if (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] != '(') return false;
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        url = text[start..end];
        return true;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1])) i++;
            plain.Append(text[i]);
        }

        return plain.ToString();
    }
}
