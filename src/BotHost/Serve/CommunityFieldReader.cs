using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Serve;

/// <summary>
/// Reads typed fields of one mapping in communities.yaml, reporting each problem with the line of the field (the same
/// approach as the knowledge files' reader in BotHost.Knowledge/Yaml). Absent and empty (<c>~</c>, nothing) values read
/// as null; wrong types are problems, never exceptions.
/// </summary>
internal sealed class CommunityFieldReader(YamlMappingNode node, CommunitiesProblems problems)
{
    public int Line => (int)node.Start.Line;

    /// <summary>Every key not in <paramref name="known"/> is a problem: a misspelt key would otherwise be silently ignored.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string>? explained = null)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = key is YamlScalarNode { Value: { } value } ? value : string.Empty;
            if (known.Contains(name)) continue;
            var line = (int)key.Start.Line;
            if (explained is not null && explained.TryGetValue(name, out var why)) problems.Field(line, name, why);
            else problems.Field(line, name, $"unknown key (expected one of: {string.Join(", ", known)})");
        }
    }

    public int LineOf(string key) =>
        node.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key) is { } found ? (int)found.Start.Line : Line;

    public void Error(string key, string message) => problems.Field(LineOf(key), key, message);

    /// <summary>Text of a scalar field; null when absent or empty.</summary>
    public string? Text(string key)
    {
        var value = Find(key);
        if (value is null) return null;
        if (value is YamlScalarNode scalar) return scalar.Value?.Trim() is { Length: > 0 } text ? text : null;
        Error(key, $"must be a single value, not a {Describe(value)}");
        return null;
    }

    /// <summary>Only <c>true</c> or <c>false</c>: YAML 1.1's yes/no/on/off are ambiguous to people and parsers alike.</summary>
    public bool? Bool(string key)
    {
        var text = Text(key);
        if (text is null) return null;
        if (text is "true" or "True" or "TRUE") return true;
        if (text is "false" or "False" or "FALSE") return false;
        Error(key, $"'{text}' is not true or false");
        return null;
    }

    public int? Int(string key)
    {
        var text = Text(key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        Error(key, $"'{text}' is not a whole number");
        return null;
    }

    /// <summary>A list of ids (a single value is a list of one), each with its line for messages about one item.</summary>
    public IReadOnlyList<(string Id, int Line)> Ids(string key)
    {
        var value = Find(key);
        if (value is null) return [];
        if (value is YamlScalarNode) return Text(key) is { } single ? [(single, LineOf(key))] : [];
        if (value is not YamlSequenceNode sequence)
        {
            Error(key, $"must be a list of channel ids, not a {Describe(value)}");
            return [];
        }

        var ids = new List<(string, int)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } text } && !IsNull(item) && text.Trim().Length > 0) ids.Add((text.Trim(), (int)item.Start.Line));
            else problems.Field((int)item.Start.Line, key, "has an empty or nested item; list channel ids only");
        }

        return ids;
    }

    /// <summary>A nested mapping (<c>defaults</c>); null when absent.</summary>
    public CommunityFieldReader? Mapping(string key)
    {
        var value = Find(key);
        if (value is null) return null;
        if (value is YamlMappingNode mapping) return new CommunityFieldReader(mapping, problems);
        Error(key, $"must be a mapping of keys, not a {Describe(value)}");
        return null;
    }

    /// <summary>A list of mappings (<c>communities</c>); items that are not mappings are problems.</summary>
    public IReadOnlyList<CommunityFieldReader> MappingList(string key)
    {
        var value = Find(key);
        if (value is null) return [];
        if (value is not YamlSequenceNode sequence)
        {
            Error(key, $"must be a list of communities (each starting with '- platform:'), not a {Describe(value)}");
            return [];
        }

        var readers = new List<CommunityFieldReader>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping) readers.Add(new CommunityFieldReader(mapping, problems));
            else problems.Field((int)item.Start.Line, key, $"each item must be a mapping of keys (platform, id, ...), not a {Describe(item)}");
        }

        return readers;
    }

    private YamlNode? Find(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "value",
    };
}
