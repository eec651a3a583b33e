using System.Globalization;
using System.Text;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge.Answers;

namespace BotHost.Core.Console;

/// <summary>Renders a reply as plain text, the way a member would read it in chat.</summary>
public static class ConsoleReplyRenderer
{
    /// <param name="allSources">Print every source of a quoted article (<c>bothost ask --sources</c>), not only the ones backing the quote.</param>
    public static string Render(Reply reply, bool allSources = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        if (reply.IsPrivate) text.Append("(sent privately to the asker; the channel would see: \"").Append(BotTexts.PrivateNotice).Append("\")\n\n");
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    text.Append(t.Text).Append("\n\n");
                    break;
                case PassageBlock p:
                    AppendPassage(text, p.Passage, allSources);
                    break;
                case HotlinesBlock h:
                    AppendHotlines(text, h);
                    break;
                case StepsBlock s:
                    text.Append(s.Title).Append('\n');
                    for (var i = 0; i < s.Steps.Count; i++) text.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {s.Steps[i]}\n");
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static void AppendPassage(StringBuilder text, AnswerPassage passage, bool allSources)
    {
        text.Append("> ").Append(passage.Title).Append(" — ").Append(passage.Heading).Append('\n');
        foreach (var line in passage.Snippet.Text.Split('\n')) text.Append("  ").Append(line).Append('\n');
        var sources = allSources && passage.ArticleSources.Count > 0 ? passage.ArticleSources : passage.Sources;
        foreach (var source in sources)
        {
            var date = source.Date is { } d ? $", {d}" : string.Empty;
            text.Append("  Source: ").Append(source.Title).Append(", ").Append(source.Publisher).Append(date).Append(" <").Append(source.Location).Append(">\n");
        }

        var more = passage.ArticleSources.Except(sources).Count();
        if (more > 0) text.Append(CultureInfo.InvariantCulture, $"  More sources: {more} in the article\n");
        text.Append("  ").Append(BotTexts.LastReviewed(passage.Reviewed));
        if (passage.Link is { } link) text.Append(" · ").Append(link);
        text.Append("\n\n");
    }

    private static void AppendHotlines(StringBuilder text, HotlinesBlock block)
    {
        text.Append(block.Title).Append('\n');
        foreach (var hotline in block.Hotlines) text.Append("  • ").Append(HotlineContact.Describe(hotline)).Append('\n');
        text.Append('\n');
    }
}
