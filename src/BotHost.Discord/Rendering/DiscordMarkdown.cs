using System.Buffers;
using System.Text;

namespace BotHost.Discord.Rendering;

/// <summary>
/// Escaping for Discord's markdown. A backslash before any punctuation character shows it literally, so every
/// markdown and mention character in text the bot did not write as markup is escaped: quoted article text can never
/// become a heading, a link, a spoiler or a mention (and <c>allowed_mentions</c> stops pings regardless).
/// </summary>
internal static class DiscordMarkdown
{
    private const string Special = "\\*_~`|[]<@:";

    /// <summary>Markup only at the start of a line: headings, quotes, list items.</summary>
    private const string LineStart = "#>-+";

    private static readonly SearchValues<char> LinkBreakers = SearchValues.Create("()<> \n");

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var lineStart = true;
        foreach (var c in text)
        {
            if (lineStart && LineStart.Contains(c, StringComparison.Ordinal)) builder.Append('\\');
            AppendEscaped(builder, c);
            if (c == '\n') lineStart = true;
            else if (!char.IsWhiteSpace(c)) lineStart = false;
        }

        return builder.ToString();
    }

    /// <summary>True for characters that are markup at the start of a line.</summary>
    public static bool IsLineStartMarkup(char c) => LineStart.Contains(c, StringComparison.Ordinal);

    /// <summary>Escapes one character that is markup anywhere in a line (emphasis, code, spoilers, links, mentions, emoji).</summary>
    public static void AppendEscaped(StringBuilder builder, char c)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Special.Contains(c, StringComparison.Ordinal)) builder.Append('\\');
        builder.Append(c);
    }

    /// <summary>Escapes <paramref name="text"/> and keeps it within <paramref name="max"/> characters, cutting on a word boundary with "…".</summary>
    public static string EscapeWithin(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max) return escaped;
        var plain = text;
        while (plain.Length > 0)
        {
            var cut = plain.LastIndexOf(' ', Math.Max(0, plain.Length - 2));
            plain = cut > plain.Length / 2 ? plain[..cut] : plain[..(plain.Length * 3 / 4)];
            if (plain.Length > 0 && char.IsHighSurrogate(plain[^1])) plain = plain[..^1];
            var candidate = Escape(plain.TrimEnd()) + "…";
            if (candidate.Length <= max) return candidate;
        }

        return "…";
    }

    /// <summary>A masked link <c>[label](url)</c> with the label escaped; null when the URL is not a plain http(s) address.</summary>
    public static string? Link(string label, Uri url) =>
        SafeUrl(url) is { } safe ? $"[{Escape(label)}]({safe})" : null;

    /// <summary>The URL when it is absolute http(s), within Discord's length and free of characters that end a markdown link.</summary>
    public static string? SafeUrl(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)) return null;
        var text = url.AbsoluteUri;
        return text.Length > DiscordLimits.ButtonUrl || text.AsSpan().IndexOfAny(LinkBreakers) >= 0 ? null : text;
    }
}
