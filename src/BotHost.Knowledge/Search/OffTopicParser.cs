using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Search;

/// <summary>Parses knowledge/off-topic.yaml (<c>questions:</c> a list of everyday questions) with line-accurate problems.</summary>
internal static class OffTopicParser
{
    public static IReadOnlyList<string> Parse(string file, string text, DiagnosticBag diagnostics)
    {
        var root = YamlDocumentLoader.LoadMapping(text, file, lineOffset: 0, diagnostics);
        if (root is null) return [];
        var document = new YamlFieldReader(root, file, 0, diagnostics);
        document.WarnUnknownKeys(["questions"]);
        if (!root.Children.TryGetValue(new YamlScalarNode("questions"), out var node) || node is not YamlSequenceNode sequence)
        {
            document.Error("questions", "off-topic file needs 'questions:' with a list of questions the bot should decline, such as '- how do i fix a flat tyre'");
            return [];
        }

        var questions = new List<string>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlScalarNode { Value: { } value } || TextTokenizer.Tokenize(value).Count == 0)
            {
                diagnostics.Error(file, line, "questions: each item must be a question in words, such as '- how do i fix a flat tyre'");
                continue;
            }

            var key = string.Join(' ', TextTokenizer.Tokenize(value).Select(t => t.Text));
            if (firstSeen.TryGetValue(key, out var first))
            {
                diagnostics.Warning(file, line, $"questions: '{value}' repeats line {first}");
                continue;
            }

            firstSeen[key] = line;
            questions.Add(value.Trim());
        }

        return questions;
    }
}
