using System.Text;

namespace BotHost.Console.Rendering;

/// <summary>
/// What drawing Discord markdown and Slack mrkdwn as HTML have in common: consecutive quoted lines as one block quote,
/// links that open nowhere but their address, and plain text HTML-encoded. Each platform's class reads its own marks.
/// </summary>
internal static class ChatMarkupHtml
{
    /// <summary>
    /// Draws <paramref name="markup"/> line by line: <paramref name="quoted"/> gives a quoted line's text after its quote
    /// mark (null for a line that is not quoted), and <paramref name="inline"/> draws a line's text.
    /// </summary>
    public static string Render(string markup, Func<string, string?> quoted, Action<StringBuilder, string> inline)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var html = new StringBuilder(markup.Length * 2);
        var lines = markup.Split('\n');
        var inQuote = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var quote = quoted(lines[i]);
            var isQuote = quote is not null;
            if (isQuote && !inQuote) html.Append("<blockquote>");
            if (!isQuote && inQuote) html.Append("</blockquote>");
            if ((!isQuote && i > 0 && !inQuote) || (isQuote && inQuote)) html.Append('\n');
            inQuote = isQuote;
            inline(html, quote ?? lines[i]);
        }

        if (inQuote) html.Append("</blockquote>");
        return html.ToString();
    }

    public static void AppendLink(StringBuilder html, string url, string label) =>
        html.Append("<a href=\"").Append(ConsoleHtml.Encoder.Encode(url)).Append("\" rel=\"noreferrer\">").Append(ConsoleHtml.Encoder.Encode(label)).Append("</a>");

    /// <summary>Appends the plain text gathered so far, HTML-encoded, and empties <paramref name="plain"/>.</summary>
    public static void Flush(StringBuilder html, StringBuilder plain, Func<string, string>? decode = null)
    {
        if (plain.Length == 0) return;
        var text = plain.ToString();
        html.Append(ConsoleHtml.Encoder.Encode(decode is null ? text : decode(text)));
        plain.Clear();
    }
}
