using System.Globalization;
using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// Reads the tab-separated example files of knowledge/examples/ with line-accurate problems: <c>message TAB category</c>
/// (urgent.tsv), <c>message</c> (normal.tsv, everyday.tsv), <c>message TAB refuse|protective</c> (refusal.tsv). Lines
/// starting with <c>#</c> are comments.
/// </summary>
internal static class SafetyExamplesParser
{
    /// <summary>Longer texts are not chat messages; the model reads the first few hundred words anyway.</summary>
    public const int MaxLength = 600;

    public static IReadOnlyList<SafetyExample> ParseUrgent(string file, string text, IReadOnlySet<string> categories, DiagnosticBag diagnostics) =>
        Parse(file, text, diagnostics, labelled: true, label =>
            categories.Contains(label) ? null : $"unknown urgent category '{label}' (one of: {string.Join(", ", categories.Order(StringComparer.Ordinal))})");

    public static IReadOnlyList<SafetyExample> ParseNormal(string file, string text, DiagnosticBag diagnostics) =>
        Parse(file, text, diagnostics, labelled: false, _ => null);

    public static IReadOnlyList<SafetyExample> ParseRefusal(string file, string text, DiagnosticBag diagnostics) =>
        Parse(file, text, diagnostics, labelled: true, label =>
            label is SafetyExamples.Refuse or SafetyExamples.Protective ? null : $"the label must be '{SafetyExamples.Refuse}' or '{SafetyExamples.Protective}', not '{label}'");

    private static List<SafetyExample> Parse(string file, string text, DiagnosticBag diagnostics, bool labelled, Func<string, string?> checkLabel)
    {
        var examples = new List<SafetyExample>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var shape = labelled ? "'message<TAB>label'" : "'message' (no tab)";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#')) continue;
            var parts = lines[i].Split('\t');
            if (parts.Length != (labelled ? 2 : 1))
            {
                diagnostics.Error(file, line, $"expected {shape}, found {parts.Length - 1} tab(s)");
                continue;
            }

            var message = parts[0].Trim();
            var label = labelled ? parts[1].Trim() : SafetyExamples.NotUrgent;
            if (message.Length == 0 || !message.Any(char.IsLetterOrDigit))
            {
                diagnostics.Error(file, line, "the message is empty");
                continue;
            }

            if (message.Length > MaxLength)
            {
                diagnostics.Error(file, line, string.Create(CultureInfo.InvariantCulture, $"the message has {message.Length} characters; an example is one chat message of at most {MaxLength}"));
                continue;
            }

            if (checkLabel(label) is { } problem)
            {
                diagnostics.Error(file, line, problem);
                continue;
            }

            var key = message.ToLowerInvariant();
            if (firstSeen.TryGetValue(key, out var first))
            {
                diagnostics.Error(file, line, string.Create(CultureInfo.InvariantCulture, $"this message repeats line {first}"));
                continue;
            }

            firstSeen[key] = line;
            examples.Add(new SafetyExample(message, label, file, line));
        }

        return examples;
    }
}
