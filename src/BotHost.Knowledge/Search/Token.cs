namespace BotHost.Knowledge.Search;

/// <summary>A word of some text: its folded form and where it stands in the original.</summary>
public readonly record struct Token(string Text, int Start, int Length);
