using System.Net;
using System.Text;

namespace BotHost.Console.Rendering;

/// <summary>
/// Draws the Slack mrkdwn the bot sends as HTML, the way the client shows it: lines starting with <c>&gt;</c> as a
/// block quote, <c>*bold*</c>, <c>&lt;url|label&gt;</c> links, and Slack's three escapes (<c>&amp;amp;</c>,
/// <c>&amp;lt;</c>, <c>&amp;gt;</c>) as their characters. The renderer escapes everything else, so nothing else occurs.
/// </summary>
internal static class SlackMrkdwnHtml
{
    public static string Render(string mrkdwn) =>
        ChatMarkupHtml.Render(mrkdwn, line => line.StartsWith('>') ? line[1..].TrimStart(' ') : null, Inline);

    private static void Inline(StringBuilder html, string text)
    {
        var bold = false;
        var plain = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && text.IndexOf('>', i) is var close and > 0)
            {
                ChatMarkupHtml.Flush(html, plain, WebUtility.HtmlDecode);
                var inside = text[(i + 1)..close];
                var bar = inside.IndexOf('|', StringComparison.Ordinal);
                var url = bar < 0 ? inside : inside[..bar];
                var label = bar < 0 ? inside : inside[(bar + 1)..];
                ChatMarkupHtml.AppendLink(html, WebUtility.HtmlDecode(url), WebUtility.HtmlDecode(label));
                i = close;
                continue;
            }

            if (c == '*' && (bold || (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))))
            {
                ChatMarkupHtml.Flush(html, plain, WebUtility.HtmlDecode);
                html.Append(bold ? "</strong>" : "<strong>");
                bold = !bold;
                continue;
            }

            plain.Append(c);
        }

        ChatMarkupHtml.Flush(html, plain, WebUtility.HtmlDecode);
        if (bold) html.Append("</strong>");
    }
}
