using System.Globalization;
using BotHost.Knowledge.Evaluation;
using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// <c>kb eval</c> at a terminal (issue #17 item 4): the misses and the figures as Spectre tables, each figure green at
/// or above its target and red below. Redirected output keeps <see cref="EvalReport.ToText"/>, and <c>--json</c> is unchanged.
/// </summary>
internal static class KbEvalRichReport
{
    public static void Write(IAnsiConsole console, EvalReport report, EvalTargets targets)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(targets);
        if (report.Misses.Count > 0)
        {
            // Headings go above the tables, not in their titles: Spectre wraps a title to its table's width.
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Misses ({report.Misses.Count})[/]"));
            var misses = new Table().Border(TableBorder.Rounded);
            misses.AddColumn(new TableColumn("line").RightAligned());
            misses.AddColumn(new TableColumn("rank").RightAligned());
            misses.AddColumn("question");
            misses.AddColumn("expected");
            misses.AddColumn("got");
            foreach (var miss in report.Misses)
            {
                misses.AddRow(
                    miss.Line.ToString(CultureInfo.InvariantCulture),
                    miss.Rank > 0 ? miss.Rank.ToString(CultureInfo.InvariantCulture) : "-",
                    Markup.Escape(miss.Question),
                    $"[green]{Markup.Escape(miss.Expected)}[/]",
                    $"[red]{Markup.Escape(miss.Got)}[/]");
            }

            console.Write(misses);
            console.WriteLine();
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{report.Questions} questions[/]: {report.InScope} in scope, {report.OffTopic} off topic, {report.RefuseCases} to refuse"));
        var figures = new Table().Border(TableBorder.Rounded);
        figures.AddColumn("figure");
        figures.AddColumn(new TableColumn("value").RightAligned());
        figures.AddColumn(new TableColumn("target").RightAligned());
        Row(figures, "recall@1", report.RecallAt1, targets.RecallAt1);
        Row(figures, "recall@3", report.RecallAt3, targets.RecallAt3);
        Row(figures, "mrr@10", report.Mrr, targets.Mrr);
        Row(figures, "answered", report.AnswerRate, targets.AnswerRate);
        Row(figures, "declined (off topic)", report.DeclineRate, targets.DeclineRate);
        Row(figures, "refused", report.RefuseRate, targets.RefuseRate);
        if (report.SectionCases > 0) Row(figures, $"section accuracy (of {report.SectionCases})", report.SectionAccuracy, targets.SectionAccuracy);
        figures.AddRow("latency p50 / p99", string.Create(CultureInfo.InvariantCulture, $"{report.LatencyP50Micros / 1000:0.0} / {report.LatencyP99Micros / 1000:0.0} ms"), string.Empty);
        console.Write(figures);
    }

    private static void Row(Table table, string name, double? value, double target)
    {
        if (value is not { } v)
        {
            table.AddRow(name, "[grey]n/a[/]", string.Empty);
            return;
        }

        var colour = v + 1e-9 < target ? "red bold" : "green";
        table.AddRow(name, string.Create(CultureInfo.InvariantCulture, $"[{colour}]{v:0.000}[/]"), target > 0 ? target.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty);
    }
}
