using System.Globalization;
using System.Text;
using System.Text.Json;
using BotHost.Knowledge.Coverage;
using BotHost.Knowledge.Validation;
using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// What <c>kb coverage</c> prints: a plain table and <c>file:line</c> problems (CI logs, pipes, NO_COLOR), a Spectre
/// table with coloured cells at a terminal, or JSON with every cell's services and sections.
/// </summary>
internal sealed record KbCoverageReport(CoverageMatrix? Matrix, IReadOnlyList<Diagnostic> Diagnostics)
{
    private const string Legend = "cell: T = lines to talk to, R = routes to report to, S = sections naming the region; ! error hole, ? warning hole";

    private const string CompactLegend = "cell: talk/report/sections; ! error hole, ? warning hole";

    public bool Failed => Matrix is null || Diagnostics.Any(d => d.IsError);

    public void WritePlain(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Matrix is { } matrix)
        {
            var regions = matrix.Rules.Regions.Select(r => r.Code).ToList();
            var width = Math.Max(5, matrix.Rules.Topics.Max(t => t.Id.Length));
            var header = new StringBuilder("topic".PadRight(width));
            foreach (var region in regions) header.Append("  ").Append(region.PadRight(CellWidth));
            output.WriteLine(header.ToString().TrimEnd());
            foreach (var topic in matrix.Rules.Topics)
            {
                var line = new StringBuilder(topic.Id.PadRight(width));
                foreach (var region in regions) line.Append("  ").Append(matrix.Cell(topic.Id, region).Summary.PadRight(CellWidth));
                output.WriteLine(line.ToString().TrimEnd());
            }

            output.WriteLine(Legend);
            output.WriteLine();
        }

        foreach (var diagnostic in Diagnostics) output.WriteLine(diagnostic.ToString());
        output.WriteLine(Summary());
    }

    public void WriteRich(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Matrix is { } matrix)
        {
            // "T2 R0 S1" cells need about 125 columns; a narrower terminal gets "2/0/1" so the table does not wrap.
            var compact = console.Profile.Width < 125;
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]Coverage: topics x regions[/]").Caption(Markup.Escape(compact ? CompactLegend : Legend));
            table.AddColumn(new TableColumn("topic").NoWrap());
            foreach (var region in matrix.Rules.Regions) table.AddColumn(new TableColumn(region.Code).Centered());
            foreach (var topic in matrix.Rules.Topics)
            {
                var row = new List<Markup> { new(topic.SafetyCritical ? $"[bold]{Markup.Escape(topic.Id)}[/]" : Markup.Escape(topic.Id)) };
                foreach (var region in matrix.Rules.Regions)
                {
                    var cell = matrix.Cell(topic.Id, region.Code);
                    var colour = cell.Worst switch { HoleSeverity.Error => "red bold", HoleSeverity.Warning => "yellow", _ => "green" };
                    var text = compact ? $"{cell.Talk.Count}/{cell.Report.Count}/{cell.Sections.Count}{cell.Mark}" : cell.Summary;
                    row.Add(new Markup($"[{colour}]{Markup.Escape(text)}[/]"));
                }

                table.AddRow(row);
            }

            console.Write(table);
            console.WriteLine();
        }

        foreach (var d in Diagnostics)
        {
            var kind = d.IsError ? "[red]error  [/]" : "[yellow]warning[/]";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{Markup.Escape(d.File)}:{d.Line}[/]  {kind}  {Markup.Escape(d.Message)}"));
        }

        console.MarkupLine(Failed ? $"[red bold]{Markup.Escape(Summary())}[/]" : $"[green]{Markup.Escape(Summary())}[/]");
    }

    public void WriteJson(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", !Failed);
            json.WriteNumber("errors", Diagnostics.Count(d => d.IsError));
            json.WriteNumber("warnings", Diagnostics.Count(d => !d.IsError));
            if (Matrix is { } matrix) WriteMatrix(json, matrix);
            DiagnosticJson.WriteProblems(json, Diagnostics);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private const int CellWidth = 9;

    private static void WriteMatrix(Utf8JsonWriter json, CoverageMatrix matrix)
    {
        json.WriteStartArray("regions");
        foreach (var region in matrix.Rules.Regions) json.WriteStringValue(region.Code);
        json.WriteEndArray();
        json.WriteStartArray("topics");
        foreach (var topic in matrix.Rules.Topics)
        {
            json.WriteStartObject();
            json.WriteString("id", topic.Id);
            json.WriteString("title", topic.Title);
            json.WriteBoolean("safety_critical", topic.SafetyCritical);
            json.WriteStartObject("cells");
            foreach (var cell in matrix.Cells.Where(c => c.Topic == topic))
            {
                json.WriteStartObject(cell.Region);
                Strings(json, "talk", cell.Talk.Select(h => h.Id));
                Strings(json, "report", cell.Report.Select(h => h.Id));
                Strings(json, "sections", cell.Sections.Select(s => s.Name));
                json.WriteStartArray("holes");
                foreach (var hole in cell.Holes)
                {
                    json.WriteStartObject();
                    json.WriteString("need", hole.Need.ToString().ToLowerInvariant());
                    json.WriteString("severity", hole.Severity == HoleSeverity.Error ? "error" : "warning");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private string Summary()
    {
        var errors = Diagnostics.Count(d => d.IsError);
        var warnings = Diagnostics.Count - errors;
        return Matrix is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Rules.File}: {m.Rules.Topics.Count} topics x {m.Rules.Regions.Count} regions, {errors} error(s), {warnings} warning(s)")
            : string.Create(CultureInfo.InvariantCulture, $"coverage: {errors} error(s), {warnings} warning(s); no matrix");
    }
}
