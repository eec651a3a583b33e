using System.Globalization;
using System.Text;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Discord.Wire;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Discord.Rendering;

/// <summary>
/// Turns a <see cref="Reply"/> into a Discord message within <see cref="DiscordLimits"/>: the bot's own lines as
/// content, an embed per quoted passage (article title, the snippet as a quote with the matched words in bold, the
/// sources as links, the review date), hotlines as embed fields with their website as link buttons, steps as a
/// numbered list, and the feedback buttons. Everything is escaped and <c>allowed_mentions</c> is always empty, so no
/// text can inject markdown or ping anyone.
/// </summary>
internal static class DiscordRenderer
{
    /// <summary>Discord's blurple, for every embed.</summary>
    private const int Color = 0x5865F2;

    public static MessagePayload Render(Reply reply, bool ephemeral)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = new List<string>();
        var embeds = new List<Embed>();
        var links = new List<Button>();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t when !string.IsNullOrWhiteSpace(t.Text):
                    lines.Add(t.Text);
                    break;
                case PassageBlock p:
                    embeds.Add(Passage(p.Passage));
                    if (MoreSources(p.Passage) is { } more) links.Add(more);
                    break;
                case HotlinesBlock h when h.Hotlines.Count > 0:
                    embeds.Add(Hotlines(h, links));
                    break;
                case StepsBlock s when s.Steps.Count > 0:
                    embeds.Add(Steps(s));
                    break;
            }
        }

        var rows = new List<ActionRow>();
        var feedback = Feedback(reply.Feedback);
        var linkRows = DiscordLimits.ActionRows - (feedback is null ? 0 : 1);
        rows.AddRange(links.Take(linkRows * DiscordLimits.ButtonsPerRow).Chunk(DiscordLimits.ButtonsPerRow).Select(chunk => new ActionRow(chunk)));
        if (feedback is not null) rows.Add(feedback);

        var (fitted, dropped) = Fit(embeds);
        if (dropped) lines.Add(BotTexts.MoreHotlines);
        var content = lines.Count == 0 ? null : DiscordMarkdown.EscapeWithin(string.Join("\n\n", lines), DiscordLimits.Content);
        return new MessagePayload
        {
            Content = content,
            Embeds = fitted.Count == 0 ? null : fitted,
            Components = rows.Count == 0 ? null : rows,
            Flags = ephemeral ? MessagePayload.EphemeralFlag : null,
        };
    }

    private static Embed Passage(AnswerPassage passage)
    {
        var heading = "**" + DiscordMarkdown.EscapeWithin(passage.Heading, DiscordLimits.EmbedTitle) + "**\n";
        var sources = string.Join("\n", passage.Sources.Select(Source));
        return new Embed
        {
            Title = DiscordMarkdown.EscapeWithin(passage.Title, DiscordLimits.EmbedTitle),
            Url = DiscordMarkdown.SafeUrl(passage.Link),
            Color = Color,
            Description = heading + Quote(passage.Snippet, DiscordLimits.EmbedDescription - heading.Length),
            Fields = sources.Length == 0 ? null : [new EmbedField(DiscordTexts.Sources, Fit(sources, DiscordLimits.FieldValue))],
            Footer = new EmbedFooter(BotTexts.LastReviewed(passage.Reviewed)),
        };
    }

    /// <summary>A link button to the article, whose front matter lists every source, when the quote shows only some of them.</summary>
    private static Button? MoreSources(AnswerPassage passage) =>
        passage.HasMoreSources && DiscordMarkdown.SafeUrl(passage.Link) is { } url ? Button.Link(BotTexts.MoreSources, url) : null;

    private static string Source(ArticleSource source)
    {
        var rest = source.Date is { } date ? $", {source.Publisher}, {date}" : $", {source.Publisher}";
        var title = (source.Url is { } url ? DiscordMarkdown.Link(Truncate(source.Title, 200), url) : null) ?? DiscordMarkdown.EscapeWithin(source.Title, 200);
        return "• " + title + DiscordMarkdown.EscapeWithin(rest, 200);
    }

    /// <summary>The snippet as a block quote ("> " per line) with matched whole words in bold, within <paramref name="budget"/>.</summary>
    internal static string Quote(Snippet snippet, int budget)
    {
        var text = snippet.Text.Trim('\n');
        var full = Quote(text, snippet.Highlights, text.Length, ellipsis: false);
        if (full.Length <= budget) return full;
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Quote(text, snippet.Highlights, mid, ellipsis: true).Length <= budget) low = mid;
            else high = mid - 1;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, low - 1));
        return Quote(text, snippet.Highlights, cut > low / 2 ? cut : low, ellipsis: true);
    }

    private static string Quote(string text, IReadOnlyList<TextRange> highlights, int length, bool ellipsis)
    {
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1])) length--;
        var bold = highlights.Where(h => h.Length > 0 && h.End <= length && text.AsSpan(h.Start, h.Length).IndexOf('\n') < 0)
            .OrderBy(h => h.Start).ToList();
        var quote = new StringBuilder(length + 32).Append("> ");
        var next = 0;
        var openEnd = -1;
        var lineStart = true;
        for (var i = 0; i < length; i++)
        {
            while (next < bold.Count && bold[next].Start < i) next++;
            if (openEnd < 0 && next < bold.Count && bold[next].Start == i)
            {
                quote.Append("**");
                openEnd = bold[next].End;
            }

            var c = text[i];
            if (c == '\n') quote.Append("\n> ");
            else if (c != '\r')
            {
                if (lineStart && DiscordMarkdown.IsLineStartMarkup(c)) quote.Append('\\');
                DiscordMarkdown.AppendEscaped(quote, c);
            }

            lineStart = c == '\n' || (lineStart && char.IsWhiteSpace(c));
            if (openEnd == i + 1)
            {
                quote.Append("**");
                openEnd = -1;
            }
        }

        if (ellipsis) quote.Append('…');
        return quote.ToString();
    }

    private static Embed Hotlines(HotlinesBlock block, List<Button> links)
    {
        var hotlines = block.Hotlines;
        var fields = new List<EmbedField>();
        var shown = hotlines.Count <= DiscordLimits.EmbedFields ? hotlines.Count : DiscordLimits.EmbedFields - 1;
        foreach (var hotline in hotlines.Take(shown))
        {
            fields.Add(new EmbedField(DiscordMarkdown.EscapeWithin(hotline.Name, DiscordLimits.FieldName), HotlineValue(hotline)));
            if (DiscordMarkdown.SafeUrl(hotline.Url) is { } url) links.Add(Button.Link(Truncate(hotline.Name, DiscordLimits.ButtonLabel), url));
        }

        if (shown < hotlines.Count) fields.Add(new EmbedField("More", DiscordMarkdown.Escape(BotTexts.MoreHotlines)));
        return new Embed { Title = DiscordMarkdown.EscapeWithin(block.Title, DiscordLimits.EmbedTitle), Color = Color, Fields = fields };
    }

    private static string HotlineValue(Hotline hotline)
    {
        var value = DiscordMarkdown.EscapeWithin(HotlineContact.Line(hotline), DiscordLimits.FieldValue - DiscordLimits.ButtonUrl - 16);
        if (DiscordMarkdown.SafeUrl(hotline.Url) is { } url) value = value.Length == 0 ? url : value + "\n" + url;
        return value.Length == 0 ? DiscordMarkdown.Escape(hotline.Operator) : value;
    }

    private static Embed Steps(StepsBlock steps)
    {
        var text = new StringBuilder();
        for (var i = 0; i < steps.Steps.Count; i++)
        {
            if (i > 0) text.Append('\n');
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(DiscordMarkdown.Escape(steps.Steps[i]));
        }

        return new Embed
        {
            Title = DiscordMarkdown.EscapeWithin(steps.Title, DiscordLimits.EmbedTitle),
            Color = Color,
            Description = Fit(text.ToString(), DiscordLimits.EmbedDescription),
        };
    }

    private static ActionRow? Feedback(FeedbackTarget? target)
    {
        if (target is null) return null;
        if (FeedbackCustomId.Create(helpful: true, target) is not { } yes || FeedbackCustomId.Create(helpful: false, target) is not { } no) return null;
        return new ActionRow([Button.Action(BotTexts.Helpful, yes, Button.PrimaryStyle), Button.Action(BotTexts.NotHelpful, no)]);
    }

    /// <summary>Keeps the first embeds within 10 and 6,000 counted characters; urgent steps and hotlines come first in a reply.</summary>
    private static (List<Embed> Embeds, bool Dropped) Fit(List<Embed> embeds)
    {
        var kept = new List<Embed>();
        var total = 0;
        foreach (var embed in embeds)
        {
            if (kept.Count == DiscordLimits.Embeds || total + embed.CountedLength > DiscordLimits.MessageTotal - 200) return (kept, true);
            kept.Add(embed);
            total += embed.CountedLength;
        }

        return (kept, false);
    }

    /// <summary>Cuts already-escaped markdown at a line boundary so no link or escape is split.</summary>
    private static string Fit(string markdown, int max)
    {
        if (markdown.Length <= max) return markdown;
        var cut = markdown.LastIndexOf('\n', max - 2);
        return cut > 0 ? markdown[..cut] + "\n…" : markdown[..(max - 1)].TrimEnd('\\') + "…";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
