using System.Text;

namespace BotHost.Slack.Rendering;

/// <summary>
/// Slack's mrkdwn: member and article text is escaped so it can never become a link, a mention or
/// <c>&lt;!channel&gt;</c> (https://docs.slack.dev/messaging/formatting-message-text#escaping: "&amp;" "&lt;" "&gt;"
/// are the only characters to escape; every control sequence starts with "&lt;").
/// </summary>
internal static class SlackMrkdwn
{
    public const string Ellipsis = "…";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text) AppendEscaped(escaped, c);
        return escaped.ToString();
    }

    public static void AppendEscaped(StringBuilder builder, char c)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = c switch
        {
            '&' => builder.Append("&amp;"),
            '<' => builder.Append("&lt;"),
            '>' => builder.Append("&gt;"),
            _ => builder.Append(c),
        };
    }

    /// <summary>
    /// A link <c>&lt;url|label&gt;</c>, or the escaped label alone when the address is not a safe http(s) URL.
    /// </summary>
    public static string Link(Uri? url, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return SafeUrl(url) is { } safe ? $"<{safe}|{Escape(label)}>" : Escape(label);
    }

    /// <summary>
    /// The URL as it may appear inside <c>&lt;…&gt;</c> or a button: absolute http(s) only, with the characters that
    /// would end the link (<c>|</c>, <c>&lt;</c>, <c>&gt;</c>) percent-encoded, and within the 3,000-character limit.
    /// </summary>
    public static string? SafeUrl(Uri? url)
    {
        if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)) return null;
        var text = url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal);
        return text.Length <= BlockKitLimits.ButtonUrl ? text : null;
    }

    /// <summary>
    /// Shortens already-escaped text to <paramref name="max"/> characters with an ellipsis, never cutting inside an
    /// entity (<c>&amp;amp;</c>) or a surrogate pair.
    /// </summary>
    public static string Truncate(string escaped, int max)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, Ellipsis.Length);
        if (escaped.Length <= max) return escaped;
        var cut = max - Ellipsis.Length;
        var amp = escaped.LastIndexOf('&', cut > 0 ? cut - 1 : 0);
        if (amp >= 0 && amp > cut - 5 && escaped.IndexOf(';', amp) >= cut) cut = amp;
        if (cut > 0 && char.IsHighSurrogate(escaped[cut - 1])) cut--;
        return escaped[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>Plain text (a button label) shortened to <paramref name="max"/> characters, surrogate-safe.</summary>
    public static string TruncatePlain(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut].TrimEnd() + Ellipsis;
    }
}
