namespace BotHost.Knowledge.Search;

/// <summary>Which article and section an index row belongs to.</summary>
public readonly record struct PassageRef(int Article, int Section);
