using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge.Answers;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BotHost.Cli;

/// <summary>
/// How <c>bothost chat</c> shows a reply at a terminal: each quoted passage in a rounded panel headed by its article and
/// section, its sources and review date dimmed beneath the quote, hotlines and steps as lists under a bold title. The
/// words are the ones <see cref="ConsoleReplyRenderer"/> prints in the plain layout; only the layout differs.
/// </summary>
internal static class ChatReplyLayout
{
    public static void Write(IAnsiConsole console, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.IsPrivate)
        {
            console.Write(new Text($"(sent privately to the asker; the channel would see: \"{BotTexts.PrivateNotice}\")", new Style(Color.Grey)));
            console.WriteLine();
        }

        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    console.Write(new Text(t.Text + "\n"));
                    break;
                case PassageBlock p:
                    console.Write(Passage(p.Passage));
                    break;
                case HotlinesBlock h:
                    WriteList(console, h.Title, h.Hotlines.Select(hotline => "• " + HotlineContact.Describe(hotline)));
                    break;
                case StepsBlock s:
                    WriteList(console, s.Title, s.Steps.Select((step, i) => $"{i + 1}. {step}"));
                    break;
            }
        }

        console.WriteLine();
    }

    private static Panel Passage(AnswerPassage passage)
    {
        var dim = new Style(Color.Grey);
        var rows = new List<IRenderable> { new Text(passage.Snippet.Text) };
        foreach (var source in passage.Sources)
        {
            var date = source.Date is { } d ? $", {d}" : string.Empty;
            rows.Add(new Text($"Source: {source.Title}, {source.Publisher}{date} <{source.Location}>", dim));
        }

        var more = passage.ArticleSources.Except(passage.Sources).Count();
        if (more > 0) rows.Add(new Text($"More sources: {more} in the article", dim));
        var reviewed = BotTexts.LastReviewed(passage.Reviewed) + (passage.Link is { } link ? HotlineContact.Separator + link : string.Empty);
        rows.Add(new Text(reviewed, dim));
        return new Panel(new Rows(rows))
        {
            Header = new PanelHeader(Markup.Escape($" {passage.Title} — {passage.Heading} ")),
            Border = BoxBorder.Rounded,
            BorderStyle = new Style(Color.Blue),
            Expand = false,
        };
    }

    private static void WriteList(IAnsiConsole console, string title, IEnumerable<string> items)
    {
        console.Write(new Text(title, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        foreach (var item in items) console.Write(new Text($"  {item}\n"));
    }
}
