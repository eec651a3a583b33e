namespace BotHost.Knowledge.Yaml;

/// <summary>One text item of a YAML list and the file line it is on.</summary>
public readonly record struct YamlItem(string Value, int Line);
