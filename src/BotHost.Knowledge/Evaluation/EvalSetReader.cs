using System.Globalization;

namespace BotHost.Knowledge.Evaluation;

/// <summary>Reads <c>question TAB expected</c> lines (format in knowledge/README.md).</summary>
public static class EvalSetReader
{
    public const string DeclineMarker = "-";
    public const string RefuseMarker = "!refuse";

    /// <summary>Separates an article id from the anchor of the section that should be quoted (<c>thorn#who-founded-it</c>).</summary>
    public const char SectionMarker = '#';

    /// <returns>The cases, and a <c>file:line: error: ...</c> message for every malformed line.</returns>
    public static (IReadOnlyList<EvalCase> Cases, IReadOnlyList<string> Errors) Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new List<EvalCase>();
        var errors = new List<string>();
        foreach (var (i, parts) in DataLines(text))
        {
            if (parts.Length < 2 || string.IsNullOrWhiteSpace(parts[0]) || string.IsNullOrWhiteSpace(parts[1]))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{i + 1}: error: expected 'question<TAB>expected'"));
                continue;
            }

            var expected = parts[1].Trim();
            cases.Add(expected switch
            {
                DeclineMarker => new EvalCase(parts[0].Trim(), EvalExpectation.Decline, [], i + 1),
                RefuseMarker => new EvalCase(parts[0].Trim(), EvalExpectation.Refuse, [], i + 1),
                _ => Answer(parts[0].Trim(), expected, i + 1),
            });
        }

        return (cases, errors);
    }

    /// <summary><c>thorn|ashton-kutcher-thorn-role</c>, or with the section that should be quoted: <c>thorn#who-founded-it</c>.</summary>
    private static EvalCase Answer(string question, string expected, int line)
    {
        var entries = expected.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var articles = entries.Select(e => e.Split(SectionMarker, 2)[0]).Distinct(StringComparer.Ordinal).ToList();
        return new EvalCase(question, EvalExpectation.Answer, articles, line, [.. entries.Where(e => e.Contains(SectionMarker, StringComparison.Ordinal))]);
    }

    /// <summary>The tab-separated fields of each line that is not blank or a # comment, with its 0-based line index.</summary>
    internal static IEnumerable<(int Index, string[] Parts)> DataLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#')) continue;
            yield return (i, lines[i].Split('\t'));
        }
    }
}
