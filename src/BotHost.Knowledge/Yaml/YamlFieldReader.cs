using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BotHost.Knowledge.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Yaml;

/// <summary>
/// Reads typed fields from one YAML mapping and reports every problem with the file and the line of the field,
/// so maintainers get <c>file:line: error: ...</c> instead of an exception. Every YAML file BotHost reads goes through it:
/// the knowledge files and communities.yaml.
/// </summary>
public sealed class YamlFieldReader
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

    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "It reads a YAML string; every knowledge parser calls it by this name.")]
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
            Error(key, $"field '{FieldName(key)}' must be text, not a {Describe(value)}");
            return null;
        }

        var text = scalar.Value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            if (required) Error(key, $"required field '{FieldName(key)}' is empty");
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
            Error(key, $"field '{FieldName(key)}' must be a list, not a {Describe(value)}");
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
                _diagnostics.Error(_file, line, $"field '{FieldName(key)}' has an empty or non-text item");
            }
        }

        if (items.Count == 0 && required) Error(key, $"required field '{FieldName(key)}' is empty");
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

        Error(key, $"field '{FieldName(key)}' is not a date (expected YYYY-MM-DD): '{text}'");
        return null;
    }

    public bool? Bool(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        Error(key, $"field '{FieldName(key)}' must be true or false: '{text}'");
        return null;
    }

    public int? WholeNumber(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        Error(key, $"field '{FieldName(key)}' must be a whole number: '{text}'");
        return null;
    }

    /// <summary>An absolute http or https address.</summary>
    public Uri? Url(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (IsWebAddress(text, out var uri)) return uri;
        Error(key, $"field '{FieldName(key)}' is not a valid http(s) URL: '{text}'");
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

        if (value is YamlMappingNode mapping) return new YamlFieldReader(mapping, _file, _lineOffset, _diagnostics, FieldName(key));
        Error(key, $"field '{FieldName(key)}' must be a mapping of fields, not a {Describe(value)}");
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
            Error(key, $"field '{FieldName(key)}' must be a list, not a {Describe(value)}");
            return null;
        }

        var readers = new List<YamlFieldReader>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            var context = string.Create(CultureInfo.InvariantCulture, $"{FieldName(key)}[{i + 1}]");
            if (child is YamlMappingNode mapping)
            {
                readers.Add(new YamlFieldReader(mapping, _file, _lineOffset, _diagnostics, context));
            }
            else
            {
                _diagnostics.Error(_file, (int)child.Start.Line + _lineOffset, $"'{context}' must be a mapping of fields, not a {Describe(child)}");
            }
        }

        if (readers.Count == 0 && required) Error(key, $"required field '{FieldName(key)}' is empty");
        return readers;
    }

    /// <summary>Warns about keys that are not in <paramref name="known"/>, suggesting the closest known one (typos in field names are common).</summary>
    public void WarnUnknownKeys(IReadOnlyCollection<string> known) => ReportUnknownKeys(known, null, _diagnostics.Warning);

    /// <summary>
    /// Like <see cref="WarnUnknownKeys"/>, but each unknown key is an error: for settings files, where a misspelt key
    /// would silently leave a setting at its default. <paramref name="explained"/> gives the reason for keys that are
    /// known elsewhere but not allowed here.
    /// </summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string>? explained = null) =>
        ReportUnknownKeys(known, explained, _diagnostics.Error);

    /// <summary>The raw node of a field, for shapes the typed readers do not cover (lists of lists).</summary>
    public YamlNode? Raw(string key) => Find(key) is { } value && !IsNull(value) ? value : null;

    public void Error(string key, string message) => _diagnostics.Error(_file, LineOf(key), message);

    /// <summary>An error about one item of a list, on that item's line (<see cref="StringItems"/> gives it).</summary>
    public void Error(int line, string message) => _diagnostics.Error(_file, line, message);

    public void Warning(string key, string message) => _diagnostics.Warning(_file, LineOf(key), message);

    private static bool IsWebAddress(string text, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(parsed.Host) || !parsed.Host.Contains('.', StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal)) return false;
        uri = parsed;
        return true;
    }

    private void ReportUnknownKeys(IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string>? explained, Action<string, int, string> report)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var key in _node.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? string.Empty;
            if (known.Contains(name)) continue;
            var line = (int)key.Start.Line + _lineOffset;
            if (explained is not null && explained.TryGetValue(name, out var why))
            {
                report(_file, line, $"field '{FieldName(name)}' {why}");
                continue;
            }

            var hint = Search.Typos.Nearest(name, known, maxEdits: 2) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;
            report(_file, line, $"unknown field '{FieldName(name)}'{hint}");
        }
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
        _diagnostics.Error(_file, LineOf(key), absent ? $"missing required field '{FieldName(key)}'" : $"required field '{FieldName(key)}' is empty");

    /// <summary>The field's name as messages give it, with its place in nested mappings (<c>sources[2].url</c>).</summary>
    public string FieldName(string key) => _context.Length == 0 ? key : $"{_context}.{key}";
}
