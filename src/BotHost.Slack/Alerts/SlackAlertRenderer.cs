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
        var repeats = alert.MergedCount > 1 ? $" ({alert.MergedCount} messages from the same member)" : string.Empty;
        var headline = $":rotating_light: *Someone may need help now* — {Category(alert.Category)}, in {channel}{repeats}.";
        var details = new List<TextObject>
        {
            TextObject.Mrkdwn(SlackMrkdwn.Escape(alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))),
        };
        if (alert.MessageLink is { } link && SlackMrkdwn.SafeUrl(link) is not null) details.Add(TextObject.Mrkdwn(SlackMrkdwn.Link(link, "Open the message")));
        details.Add(TextObject.Mrkdwn(SlackMrkdwn.Escape("The message's text is not repeated here. Please check on the member privately.")));
        var text = $"Someone may need help now ({Category(alert.Category)}) in {channel}.";
        return new SlackMessageContent(text, [new SectionBlock(TextObject.Mrkdwn(headline)), new ContextBlock(details)]);
    }

    public static string Category(UrgencyCategory category) => category switch
    {
        UrgencyCategory.SelfHarm => "self-harm",
        UrgencyCategory.ImmediateDanger => "immediate danger",
        UrgencyCategory.SextortionThreat => "a sextortion threat",
        UrgencyCategory.AbuseDisclosure => "a disclosure of abuse",
        UrgencyCategory.Trafficking => "possible trafficking",
        UrgencyCategory.MeetingAdult => "a plan to meet an adult",
        UrgencyCategory.BullyingSelfHarm => "bullying with thoughts of self-harm",
        UrgencyCategory.SelfHarmImages => "pressure to share self-harm images",
        UrgencyCategory.SexualAssault => "a disclosure of sexual assault",
        UrgencyCategory.ViolenceAtHome => "violence at home",
        UrgencyCategory.StalkingDoxxing => "stalking or doxxing",
        UrgencyCategory.SomeoneElseInDanger => "someone else in danger",
        _ => "an urgent message",
    };

    /// <summary>Slack conversation ids: C (channel), G (private channel), D (DM), upper-case letters and digits.</summary>
    public static bool IsChannelId(string? id) =>
        id is { Length: >= 2 and <= 32 } && id[0] is 'C' or 'G' or 'D' && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
}
