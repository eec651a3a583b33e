using BotHost.Knowledge.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Yaml;

/// <summary>Parses YAML text into a mapping, turning syntax errors into diagnostics with the right line.</summary>
public static class YamlDocumentLoader
{
    /// <param name="lineOffset">Added to YAML line numbers, for YAML embedded in a larger file.</param>
    /// <param name="expected">What the file should hold, for the message when it is empty or not a mapping.</param>
    public static YamlMappingNode? LoadMapping(string text, string file, int lineOffset, DiagnosticBag diagnostics, string expected = "a mapping of fields (key: value)")
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            diagnostics.Error(file, (int)ex.Start.Line + lineOffset, $"invalid YAML: {Clean(reason)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed plain scalars, such as an emoji
            // or an unclosed flow list; report it like any syntax error, at the last line the parser reached.
            var line = parser.Current is { } current ? (int)current.End.Line : 1;
            diagnostics.Error(file, line + lineOffset, "invalid YAML: it cannot be read past here; look for an unclosed [list], or a # inside a list (it starts a comment: quote it)");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Error(file, 1 + lineOffset, $"invalid YAML: expected {expected}");
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
