using System.Globalization;
using System.Text.Json;
using BotHost.Knowledge;
using BotHost.Knowledge.Validation;
using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// What <c>kb check</c> prints, three ways: plain <c>file:line: error|warning: message</c> lines (as compilers print
/// them, for CI logs and editors), the same problems grouped by file with colour at a terminal, or JSON.
/// </summary>
internal sealed record KbCheckReport(string Path, KnowledgeSnapshot? Snapshot, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(d => d.IsError);

    public int Warnings => Diagnostics.Count - Errors;

    /// <summary>The folder does not load, or a check past loading (a safety-critical coverage hole) found an error.</summary>
    public bool Failed => Snapshot is null || Errors > 0;

    public void WritePlain(TextWriter output)
    {
        foreach (var diagnostic in Diagnostics) output.WriteLine(diagnostic.ToString());
        output.WriteLine(Summary());
    }

    public void WriteRich(IAnsiConsole console)
    {
        foreach (var file in Diagnostics.GroupBy(d => d.File, StringComparer.Ordinal))
        {
            var errors = file.Count(d => d.IsError);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold underline]{Markup.Escape(file.Key)}[/] [grey]({errors} error(s), {file.Count() - errors} warning(s))[/]"));
            foreach (var d in file.OrderBy(d => d.Line))
            {
                var kind = d.IsError ? "[red]error  [/]" : "[yellow]warning[/]";
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]line {d.Line,4}[/]  {kind}  {Markup.Escape(d.Message)}"));
            }

            console.WriteLine();
        }

        console.MarkupLine(Failed ? $"[red bold]{Markup.Escape(Summary())}[/]" : $"[green]{Markup.Escape(Summary())}[/]");
    }

    public void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("path", Path);
            json.WriteBoolean("ok", !Failed);
            json.WriteNumber("errors", Errors);
            json.WriteNumber("warnings", Warnings);
            if (Snapshot is { } s)
            {
                json.WriteNumber("articles", s.Articles.Count);
                json.WriteNumber("sections", s.Articles.Sum(a => a.Sections.Count));
                json.WriteNumber("hotlines", s.Hotlines.All.Count);
                json.WriteString("version", s.Version);
            }

            DiagnosticJson.WriteProblems(json, Diagnostics);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private string Summary() => Snapshot is not { } s || Errors > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Path}: {Errors} error(s), {Warnings} warning(s)")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Path}: OK, {s.Articles.Count} articles, {s.Articles.Sum(a => a.Sections.Count)} sections, " +
            $"{s.Hotlines.All.Count} hotlines, {s.Synonyms.Groups.Count} synonym groups, {s.OffTopic.Count} off-topic questions, {Warnings} warning(s); version {s.Version}");
}
