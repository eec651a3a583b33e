using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Slack.Wire;

namespace BotHost.Slack.Rendering;

/// <summary>
/// Turns a <see cref="Reply"/> into Block Kit within Slack's limits (<see cref="BlockKitLimits"/>): a section with
/// each quoted snippet (matched words in bold), a context line with its sources and review date, a section per
/// hotline with a link button, steps as a numbered list, and the feedback buttons. Every piece of member or article
/// text is escaped, so nothing in it can become a link, a mention or a channel-wide notification.
/// </summary>
internal static partial class SlackBlockKitRenderer
{
    private const string HotlineActionPrefix = "bothost_hotline_";

    public static SlackMessageContent Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var blocks = new List<SlackBlock>();
        var links = 0;
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t when !string.IsNullOrWhiteSpace(t.Text):
                    blocks.Add(Section(SlackMrkdwn.Escape(t.Text)));
                    break;
                case PassageBlock p:
                    blocks.Add(PassageSection(p.Passage));
                    blocks.Add(PassageContext(p.Passage));
                    break;
                case HotlinesBlock h when h.Hotlines.Count > 0:
                    blocks.Add(Section($"*{SlackMrkdwn.Escape(h.Title)}*"));
                    foreach (var hotline in h.Hotlines) blocks.Add(HotlineSection(hotline, ref links));
                    break;
                case StepsBlock s when s.Steps.Count > 0:
                    blocks.Add(Section(Steps(s)));
                    break;
            }
        }

        var feedback = Feedback(reply.Feedback);
        var fitted = Fit(blocks, feedback is null ? BlockKitLimits.Blocks : BlockKitLimits.Blocks - 1);
        if (feedback is not null) fitted.Add(feedback);
        return new SlackMessageContent(NotificationText(reply), fitted);
    }

    /// <summary>
    /// The <c>text</c> shown in notifications. A private reply with quoted knowledge, steps or hotlines names no topic
    /// (see <see cref="BotTexts.PrivateNotification"/>); any other reply is its own plain text.
    /// </summary>
    public static string NotificationText(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.IsPrivate && reply.Blocks.Any(b => b is not TextBlock)
            ? BotTexts.PrivateNotification
            : SlackMrkdwn.Truncate(SlackPlainTextRenderer.Render(reply), BlockKitLimits.TextObject);
    }

    private static SectionBlock Section(string mrkdwn) => new(TextObject.Mrkdwn(SlackMrkdwn.Truncate(mrkdwn, BlockKitLimits.SectionText)));

    private static SectionBlock PassageSection(AnswerPassage passage)
    {
        var header = $"*{SlackMrkdwn.Escape(passage.Title)}* — {SlackMrkdwn.Escape(passage.Heading)}\n";
        header = SlackMrkdwn.Truncate(header, BlockKitLimits.SectionText / 4);
        var quote = SnippetQuote.Render(passage.Snippet, BlockKitLimits.SectionText - header.Length);
        return new SectionBlock(TextObject.Mrkdwn(header + quote));
    }

    private static ContextBlock PassageContext(AnswerPassage passage)
    {
        var sources = passage.Sources.Select(SourceLink).ToList();
        const int SourceSlots = BlockKitLimits.ContextElements - 1;
        if (sources.Count > SourceSlots)
        {
            sources = [.. sources.Take(SourceSlots - 1), string.Join(" · ", sources.Skip(SourceSlots - 1))];
        }

        var reviewed = BotTexts.LastReviewed(passage.Reviewed);
        if (passage.Link is { } link && SlackMrkdwn.SafeUrl(link) is not null)
        {
            reviewed += " · " + SlackMrkdwn.Link(link, passage.HasMoreSources ? BotTexts.MoreSources : SlackTexts.ReadArticle);
        }

        var elements = sources.Append(reviewed).Select(text => TextObject.Mrkdwn(ClampLinks(text))).ToList();
        return new ContextBlock(elements);
    }

    private static string SourceLink(ArticleSource source)
    {
        var label = SlackMrkdwn.TruncatePlain(source.Title, 300);
        var rest = source.Date is { } date ? $", {source.Publisher}, {date}" : $", {source.Publisher}";
        return "Source: " + SlackMrkdwn.Link(source.Url, label) + SlackMrkdwn.Escape(SlackMrkdwn.TruncatePlain(rest, 300));
    }

    /// <summary>Context text with links cannot be cut safely; one too long (never in practice) loses its links instead.</summary>
    private static string ClampLinks(string mrkdwn) =>
        mrkdwn.Length <= BlockKitLimits.TextObject ? mrkdwn : SlackMrkdwn.Truncate(SlackMrkdwn.Escape(StripLinks(mrkdwn)), BlockKitLimits.TextObject);

    private static string StripLinks(string mrkdwn) => WebUtility.HtmlDecode(LinkPattern().Replace(mrkdwn, "$1"));

    [GeneratedRegex("<[^|>]*\\|([^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    private static SectionBlock HotlineSection(Hotline hotline, ref int links)
    {
        var text = $"*{SlackMrkdwn.Escape(hotline.Name)}*";
        if (HotlineContact.Line(hotline) is { Length: > 0 } ways) text += "\n" + SlackMrkdwn.Escape(ways);
        var section = Section(text);
        if (SlackMrkdwn.SafeUrl(hotline.Url) is not { } url) return section;
        var button = new ButtonElement(TextObject.Plain(SlackTexts.Website), HotlineActionPrefix + (links++).ToString(CultureInfo.InvariantCulture)) { Url = url };
        return section with { Accessory = button };
    }

    private static string Steps(StepsBlock steps)
    {
        var text = new StringBuilder();
        text.Append('*').Append(SlackMrkdwn.Escape(steps.Title)).Append('*');
        for (var i = 0; i < steps.Steps.Count; i++)
        {
            text.Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(SlackMrkdwn.Escape(steps.Steps[i]));
        }

        return text.ToString();
    }

    private static ActionsBlock? Feedback(FeedbackTarget? target)
    {
        if (target is null || FeedbackAction.Value(target) is not { } value) return null;
        ButtonElement[] buttons =
        [
            new(TextObject.Plain(BotTexts.Helpful), FeedbackAction.HelpfulActionId) { Value = value },
            new(TextObject.Plain(BotTexts.NotHelpful), FeedbackAction.NotHelpfulActionId) { Value = value },
        ];
        return new ActionsBlock(buttons) { BlockId = FeedbackAction.BlockId };
    }

    /// <summary>Keeps the first blocks that fit and says that more exists; urgent steps and hotlines come first in a reply.</summary>
    private static List<SlackBlock> Fit(List<SlackBlock> blocks, int max)
    {
        if (blocks.Count <= max) return blocks;
        return [.. blocks.Take(max - 1), Section(SlackMrkdwn.Escape(BotTexts.MoreHotlines))];
    }
}
