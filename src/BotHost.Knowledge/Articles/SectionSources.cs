using System.Text.RegularExpressions;
using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Articles;

/// <summary>
/// Reads a section's <c>&lt;!-- sources: id, id --&gt;</c> line: the ids of the article's sources that back that section,
/// shown with a quote of it instead of every source of the article. The line is an HTML comment so GitHub does not
/// show it, and it is taken out of the text the bot quotes.
/// </summary>
internal static partial class SectionSources
{
    /// <returns>The section's Markdown without its sources line, and the sources it cites (in the order given).</returns>
    public static (string Markdown, IReadOnlyList<ArticleSource> Cited) Read(
        string file, MarkdownSections.RawSection section, IReadOnlyList<ArticleSource> sources, IReadOnlySet<string> declared, DiagnosticBag diagnostics)
    {
        var lines = section.Markdown.Split('\n');
        var kept = new List<string>(lines.Length);
        var cited = new List<ArticleSource>();
        var found = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = SourcesLine().Match(lines[i]);
            if (!match.Success)
            {
                kept.Add(lines[i]);
                continue;
            }

            found = true;
            var line = section.Line + 1 + i;
            foreach (var id in match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (sources.FirstOrDefault(s => s.Id == id) is { } source)
                {
                    if (!cited.Contains(source)) cited.Add(source);
                }
                else if (!declared.Contains(id))
                {
                    diagnostics.Error(file, line, $"section '{section.Heading}' cites source '{id}', but no source in the front matter has that id");
                }
            }
        }

        if (!found)
        {
            diagnostics.Warning(file, section.Line,
                $"section '{section.Heading}' has no sources: add a line '<!-- sources: ID, ID -->' under its heading naming the sources (by their id) that back it");
        }

        return (string.Join('\n', kept), cited);
    }

    [GeneratedRegex(@"^\s*<!--\s*sources\s*:(.*?)-->\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SourcesLine();
}
