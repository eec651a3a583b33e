using BotHost.Knowledge.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Yaml;

/// <summary>Parses YAML text into a mapping, turning syntax errors into diagnostics with the right line.</summary>
internal static class YamlDocumentLoader
{
    /// <param name="lineOffset">Added to YAML line numbers, for YAML embedded in a larger file.</param>
    public static YamlMappingNode? LoadMapping(string text, string file, int lineOffset, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            diagnostics.Error(file, (int)ex.Start.Line + lineOffset, $"invalid YAML: {Clean(reason)}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Error(file, 1 + lineOffset, "invalid YAML: expected a mapping of fields (key: value)");
            return null;
        }

        return root;
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; the line is already in the diagnostic.
    private static string Clean(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}
