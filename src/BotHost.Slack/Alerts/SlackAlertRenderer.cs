using System.Globalization;
using BotHost.Core.Safety;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;

namespace BotHost.Slack.Alerts;

/// <summary>
/// A moderator alert as a Slack message: the category, the channel (as a channel link), a link to the message and
/// the time. Never the message's text; ids are checked so nothing in them can form a mention or a link.
/// </summary>
internal static class SlackAlertRenderer
{
    public static SlackMessageContent Render(ModeratorAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var channel = IsChannelId(alert.ChannelId) ? $"<#{alert.ChannelId}>" : "a channel";
        var category = AlertTexts.Category(alert.Category);
        var headline = $":rotating_light: *{AlertTexts.Headline}* — {category}, in {channel}{AlertTexts.Repeats(alert.MergedCount)}.";
        var details = new List<TextObject>
        {
            TextObject.Mrkdwn(SlackMrkdwn.Escape(alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))),
        };
        if (alert.MessageLink is { } link && SlackMrkdwn.SafeUrl(link) is not null) details.Add(TextObject.Mrkdwn(SlackMrkdwn.Link(link, AlertTexts.OpenMessage)));
        details.Add(TextObject.Mrkdwn(SlackMrkdwn.Escape(AlertTexts.NotRepeated)));
        var text = $"{AlertTexts.Headline} ({category}) in {channel}.";
        return new SlackMessageContent(text, [new SectionBlock(TextObject.Mrkdwn(headline)), new ContextBlock(details)]);
    }

    /// <summary>Slack conversation ids: C (channel), G (private channel), D (DM), upper-case letters and digits.</summary>
    public static bool IsChannelId(string? id) =>
        id is { Length: >= 2 and <= 32 } && id[0] is 'C' or 'G' or 'D' && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
}
