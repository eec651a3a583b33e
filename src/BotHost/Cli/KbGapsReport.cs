using System.Globalization;
using BotHost.Core.Analytics;
using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// What <c>kb gaps</c> prints: aligned plain lines (CI logs, pipes, NO_COLOR), or Spectre tables at a terminal
/// (issue #17 item 4). Counts only; the recent questions are the opt-in redacted text, as the store keeps it.
/// </summary>
internal static class KbGapsReport
{
    public static void WritePlain(TextWriter o, GapReport report, int window)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(report);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Answers by article, last {window} day(s):"));
        o.WriteLine("  article                              answered  helpful  not helpful");
        foreach (var row in report.Articles)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Article,-36} {row.Answered,8} {row.Helpful,8} {row.NotHelpful,12}"));
        }

        if (report.Articles.Count == 0) o.WriteLine("  (none)");
        o.WriteLine();
        o.WriteLine("Declined questions per day:");
        foreach (var row in report.DeclinedByDay) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Day}  {row.Declined}"));
        if (report.DeclinedByDay.Count == 0) o.WriteLine("  (none)");
        if (report.RecentQuestions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Recent declined questions (redacted; only from communities that opted in):");
            foreach (var row in report.RecentQuestions) o.WriteLine($"  {row.At}  {row.Platform}/{row.Community}  {row.RedactedText}");
        }
    }

    public static void WriteRich(IAnsiConsole console, GapReport report, int window)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        // Headings go above the tables, not in their titles: Spectre wraps a title to its table's width.
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Answers by article, last {window} day(s)[/]"));
        var articles = new Table().Border(TableBorder.Rounded);
        articles.AddColumn("article");
        articles.AddColumn(new TableColumn("answered").RightAligned());
        articles.AddColumn(new TableColumn("helpful").RightAligned());
        articles.AddColumn(new TableColumn("not helpful").RightAligned());
        foreach (var row in report.Articles)
        {
            articles.AddRow(
                Markup.Escape(row.Article),
                Number(row.Answered),
                row.Helpful > 0 ? $"[green]{Number(row.Helpful)}[/]" : Number(row.Helpful),
                row.NotHelpful > 0 ? $"[red]{Number(row.NotHelpful)}[/]" : Number(row.NotHelpful));
        }

        if (report.Articles.Count == 0) articles.AddRow("[grey](none)[/]", string.Empty, string.Empty, string.Empty);
        console.Write(articles);
        console.WriteLine();

        console.MarkupLine("[bold]Declined questions per day[/]");
        var declined = new Table().Border(TableBorder.Rounded);
        declined.AddColumn("day");
        declined.AddColumn(new TableColumn("declined").RightAligned());
        foreach (var row in report.DeclinedByDay) declined.AddRow(Markup.Escape(row.Day), Number(row.Declined));
        if (report.DeclinedByDay.Count == 0) declined.AddRow("[grey](none)[/]", string.Empty);
        console.Write(declined);
        if (report.RecentQuestions.Count == 0) return;

        console.WriteLine();
        console.MarkupLine("[bold]Recent declined questions[/] (redacted; only from communities that opted in)");
        var recent = new Table().Border(TableBorder.Rounded);
        recent.AddColumn("at");
        recent.AddColumn("community");
        recent.AddColumn("question (redacted)");
        foreach (var row in report.RecentQuestions) recent.AddRow(Markup.Escape(row.At), Markup.Escape($"{row.Platform}/{row.Community}"), Markup.Escape(row.RedactedText));
        console.Write(recent);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
