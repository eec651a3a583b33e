using System.Net;
using System.Text.RegularExpressions;

namespace BotHost.Slack.Events;

/// <summary>
/// Slack's message format to plain text for the pipeline (https://docs.slack.dev/messaging/formatting-message-text):
/// the bot's own mention is removed, other mentions and links become their labels, <c>&lt;!here&gt;</c>-style
/// broadcasts are dropped, and the three escaped characters are decoded.
/// </summary>
internal static partial class SlackMessageText
{
    public static string ToPlain(string? text, string? botUserId)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var leading = true;
        var plain = ControlSequence().Replace(text, match =>
        {
            var replaced = Replace(match.Groups[1].Value, botUserId, leading && match.Index == LeadingIndex(text));
            leading = false;
            return replaced;
        });
        return Whitespace().Replace(WebUtility.HtmlDecode(plain), " ").Trim();
    }

    private static int LeadingIndex(string text) => text.Length - text.TrimStart().Length;

    private static string Replace(string inner, string? botUserId, bool isLeading)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        if (target.StartsWith('@'))
        {
            var user = target[1..];
            // The bot's own mention carries no meaning; when the bot's id is unknown, a leading mention is taken to be it.
            return user == botUserId || (botUserId is null && isLeading) ? " " : " @user ";
        }

        if (target.StartsWith('#')) return label is null ? " #channel " : $" #{label} ";
        if (target.StartsWith('!')) return label is { } l && target.StartsWith("!subteam", StringComparison.Ordinal) ? $" {l} " : " ";
        return $" {label ?? target} ";
    }

    [GeneratedRegex("<([^<>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex ControlSequence();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
