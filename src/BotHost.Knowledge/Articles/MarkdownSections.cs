using Markdig;
using Markdig.Syntax;

namespace BotHost.Knowledge.Articles;

/// <summary>Splits an article body into its <c>##</c> sections and turns each into quotable plain text.</summary>
internal static class MarkdownSections
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>A raw section: heading text, the file line of the heading, and its Markdown.</summary>
    public readonly record struct RawSection(string Heading, int Line, string Markdown);

    /// <param name="firstLine">File line number of the body's first line.</param>
    public static IReadOnlyList<RawSection> Split(string body, int firstLine)
    {
        var lines = body.Split('\n');
        var sections = new List<RawSection>();
        string? heading = null;
        var headingLine = 0;
        var buffer = new List<string>();
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && IsSectionHeading(line, out var text))
            {
                if (heading is not null) sections.Add(new RawSection(heading, headingLine, string.Join('\n', buffer)));
                heading = text;
                headingLine = firstLine + i;
                buffer.Clear();
                continue;
            }

            if (heading is not null) buffer.Add(line);
        }

        if (heading is not null) sections.Add(new RawSection(heading, headingLine, string.Join('\n', buffer)));
        return sections;
    }

    /// <summary>Every ATX heading of a Markdown document (any level, in order, outside code), as written after its '#'s.</summary>
    public static IEnumerable<string> Headings(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        foreach (var heading in Markdown.Parse(string.Join('\n', lines), Pipeline).Descendants<HeadingBlock>())
        {
            if (heading.IsSetext || heading.Line >= lines.Length) continue;
            yield return lines[heading.Line].Trim().TrimStart('#').TrimEnd('#').Trim();
        }
    }

    /// <summary>Markdown to plain text: links become their text, emphasis is dropped, one block per line.</summary>
    public static string ToPlainText(string markdown)
    {
        var plain = Markdown.ToPlainText(markdown, Pipeline);
        var lines = plain.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    private static bool IsSectionHeading(string line, out string text)
    {
        text = string.Empty;
        if (!line.StartsWith("## ", StringComparison.Ordinal)) return false;
        text = line[3..].Trim().TrimEnd('#').Trim();
        return text.Length > 0;
    }
}
