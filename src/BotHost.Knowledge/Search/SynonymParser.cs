using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Search;

/// <summary>Parses knowledge/synonyms.yaml (<c>groups:</c> a list of lists of phrases) with line-accurate problems.</summary>
internal static class SynonymParser
{
    public static SynonymSet Parse(string file, string text, DiagnosticBag diagnostics)
    {
        var root = YamlDocumentLoader.LoadMapping(text, file, lineOffset: 0, diagnostics);
        if (root is null) return SynonymSet.Empty;
        var document = new YamlFieldReader(root, file, 0, diagnostics);
        document.WarnUnknownKeys(["groups"]);
        if (!root.Children.TryGetValue(new YamlScalarNode("groups"), out var node) || node is not YamlSequenceNode sequence)
        {
            document.Error("groups", "synonyms file needs 'groups:' with a list of lists, such as '- [nudes, pics, intimate images]'");
            return SynonymSet.Empty;
        }

        var groups = new List<IReadOnlyList<string>>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in sequence.Children)
        {
            var line = (int)child.Start.Line;
            if (child is not YamlSequenceNode group)
            {
                diagnostics.Error(file, line, "each synonym group must be a list, such as '- [nudes, pics, intimate images]'");
                continue;
            }

            var phrases = new List<string>();
            foreach (var item in group.Children)
            {
                if (item is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value) || TextTokenizer.Tokenize(value).Count == 0)
                {
                    diagnostics.Error(file, (int)item.Start.Line, "synonym group has an empty or non-text item");
                    continue;
                }

                var key = string.Join(' ', TextTokenizer.Tokenize(value).Select(t => t.Text));
                if (firstSeen.TryGetValue(key, out var first))
                {
                    diagnostics.Warning(file, (int)item.Start.Line, $"'{value}' is already in the group on line {first}; a phrase should belong to one group");
                    continue;
                }

                firstSeen[key] = line;
                phrases.Add(value.Trim());
            }

            if (phrases.Count < 2)
            {
                diagnostics.Warning(file, line, "synonym group has fewer than 2 phrases, so it changes nothing");
            }

            groups.Add(phrases);
        }

        return new SynonymSet(groups);
    }
}
