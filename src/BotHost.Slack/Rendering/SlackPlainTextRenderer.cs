using System.Globalization;
using System.Text;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Slack.Rendering;

/// <summary>
/// A reply as escaped plain text: the notification text of public replies, and the whole message when Slack
/// rejects the blocks (<c>invalid_blocks</c>) so the member still gets the answer.
/// </summary>
internal static class SlackPlainTextRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    text.Append(t.Text).Append("\n\n");
                    break;
                case PassageBlock { Passage: var p }:
                    text.Append(p.Title).Append(" — ").Append(p.Heading).Append('\n').Append(p.Snippet.Text.Trim()).Append('\n');
                    foreach (var s in p.Sources) text.Append("Source: ").Append(s.Title).Append(", ").Append(s.Publisher).Append(" (").Append(s.Location).Append(")\n");
                    text.Append(BotTexts.LastReviewed(p.Reviewed)).Append("\n\n");
                    break;
                case HotlinesBlock h:
                    text.Append(h.Title).Append('\n');
                    foreach (var hotline in h.Hotlines) text.Append("• ").Append(HotlineContact.Describe(hotline)).Append('\n');
                    text.Append('\n');
                    break;
                case StepsBlock s:
                    text.Append(s.Title).Append('\n');
                    for (var i = 0; i < s.Steps.Count; i++) text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {s.Steps[i]}\n");
                    text.Append('\n');
                    break;
            }
        }

        return SlackMrkdwn.Truncate(SlackMrkdwn.Escape(text.ToString().Trim()), BlockKitLimits.MessageText);
    }
}
