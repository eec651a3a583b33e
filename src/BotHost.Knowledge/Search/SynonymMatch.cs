namespace BotHost.Knowledge.Search;

/// <summary>A synonym phrase found in a question: which words, and which group they belong to.</summary>
public readonly record struct SynonymMatch(int Start, int Length, int Group);
