using System.Globalization;
using BotHost.Knowledge.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Yaml;

/// <summary>
/// Reads typed fields from one YAML mapping and reports every problem with the file and the line of the field,
/// so maintainers get <c>file:line: error: ...</c> instead of an exception.
/// </summary>
internal sealed class YamlFieldReader
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly int _lineOffset;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _context;

    /// <param name="lineOffset">Added to YAML line numbers (front matter starts on the file's second line).</param>
    /// <param name="context">Prefix for messages about nested mappings, such as "sources[2]".</param>
    public YamlFieldReader(YamlMappingNode node, string file, int lineOffset, DiagnosticBag diagnostics, string context = "")
    {
        _node = node;
        _file = file;
        _lineOffset = lineOffset;
        _diagnostics = diagnostics;
        _context = context;
    }

    public int Line => (int)_node.Start.Line + _lineOffset;

    public bool Has(string key) => Find(key) is { } value && !IsNull(value);

    public int LineOf(string key) => FindKey(key) is { } k ? (int)k.Start.Line + _lineOffset : Line;

    public string? String(string key, bool required)
    {
        var value = Find(key);
        if (value is null || IsNull(value))
        {
            if (required) Missing(key, value is null);
            return null;
        }

        if (value is not YamlScalarNode scalar)
        {
            Error(key, $"field '{Name(key)}' must be text, not a {Describe(value)}");
            return null;
        }

        var text = scalar.Value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            if (required) Error(key, $"required field '{Name(key)}' is empty");
            return null;
        }

        return text;
    }

    /// <summary>A list of strings; a single scalar is accepted as a list of one.</summary>
    public IReadOnlyList<string>? StringList(string key, bool required) =>
        StringItems(key, required)?.Select(item => item.Value).ToList();

    /// <summary>A list of strings with the line of each item, for messages about one item.</summary>
    public IReadOnlyList<YamlItem>? StringItems(string key, bool required)
    {
        var value = Find(key);
        if (value is null || IsNull(value))
        {
            if (required) Missing(key, value is null);
            return null;
        }

        if (value is YamlScalarNode)
        {
            return String(key, required) is { } single ? [new YamlItem(single, LineOf(key))] : null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            Error(key, $"field '{Name(key)}' must be a list, not a {Describe(value)}");
            return null;
        }

        var items = new List<YamlItem>();
        foreach (var child in sequence.Children)
        {
            var line = (int)child.Start.Line + _lineOffset;
            if (child is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text) && !IsNull(child))
            {
                items.Add(new YamlItem(text.Trim(), line));
            }
            else
            {
                _diagnostics.Error(_file, line, $"field '{Name(key)}' has an empty or non-text item");
            }
        }

        if (items.Count == 0 && required) Error(key, $"required field '{Name(key)}' is empty");
        return items;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(key, $"field '{Name(key)}' is not a date (expected YYYY-MM-DD): '{text}'");
        return null;
    }

    public bool? Bool(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        Error(key, $"field '{Name(key)}' must be true or false: '{text}'");
        return null;
    }

    /// <summary>An absolute http or https address.</summary>
    public Uri? Url(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (IsWebAddress(text, out var uri)) return uri;
        Error(key, $"field '{Name(key)}' is not a valid http(s) URL: '{text}'");
        return null;
    }

    public YamlFieldReader? Mapping(string key, bool required)
    {
        var value = Find(key);
        if (value is null || IsNull(value))
        {
            if (required) Missing(key, value is null);
            return null;
        }

        if (value is YamlMappingNode mapping) return new YamlFieldReader(mapping, _file, _lineOffset, _diagnostics, Name(key));
        Error(key, $"field '{Name(key)}' must be a mapping of fields, not a {Describe(value)}");
        return null;
    }

    /// <summary>A list of mappings, such as an article's sources.</summary>
    public IReadOnlyList<YamlFieldReader>? MappingList(string key, bool required)
    {
        var value = Find(key);
        if (value is null || IsNull(value))
        {
            if (required) Missing(key, value is null);
            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            Error(key, $"field '{Name(key)}' must be a list, not a {Describe(value)}");
            return null;
        }

        var readers = new List<YamlFieldReader>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            var context = string.Create(CultureInfo.InvariantCulture, $"{Name(key)}[{i + 1}]");
            if (child is YamlMappingNode mapping)
            {
                readers.Add(new YamlFieldReader(mapping, _file, _lineOffset, _diagnostics, context));
            }
            else
            {
                _diagnostics.Error(_file, (int)child.Start.Line + _lineOffset, $"'{context}' must be a mapping of fields, not a {Describe(child)}");
            }
        }

        if (readers.Count == 0 && required) Error(key, $"required field '{Name(key)}' is empty");
        return readers;
    }

    /// <summary>Warns about keys that are not in <paramref name="known"/>, suggesting the closest known one (typos in field names are common).</summary>
    public void WarnUnknownKeys(IReadOnlyCollection<string> known)
    {
        foreach (var key in _node.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? string.Empty;
            if (known.Contains(name)) continue;
            var suggestion = known.MinBy(k => EditDistance.Compute(k, name));
            var hint = suggestion is not null && EditDistance.Compute(suggestion, name) <= 2 ? $" (did you mean '{suggestion}'?)" : string.Empty;
            _diagnostics.Warning(_file, (int)key.Start.Line + _lineOffset, $"unknown field '{Name(name)}'{hint}");
        }
    }

    /// <summary>The raw node of a field, for shapes the typed readers do not cover (lists of lists).</summary>
    public YamlNode? Raw(string key) => Find(key) is { } value && !IsNull(value) ? value : null;

    public void Error(string key, string message) => _diagnostics.Error(_file, LineOf(key), message);

    public void Warning(string key, string message) => _diagnostics.Warning(_file, LineOf(key), message);

    internal static bool IsWebAddress(string text, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(parsed.Host) || !parsed.Host.Contains('.', StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal)) return false;
        uri = parsed;
        return true;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "value",
    };

    private YamlNode? Find(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private YamlScalarNode? FindKey(string key) =>
        _node.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key);

    private void Missing(string key, bool absent) =>
        _diagnostics.Error(_file, LineOf(key), absent ? $"missing required field '{Name(key)}'" : $"required field '{Name(key)}' is empty");

    private string Name(string key) => _context.Length == 0 ? key : $"{_context}.{key}";
}
