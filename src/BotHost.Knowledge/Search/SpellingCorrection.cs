namespace BotHost.Knowledge.Search;

/// <summary>A word of the question that was read as another word of the knowledge base ("sextorshun" -> "sextortion").</summary>
public sealed record SpellingCorrection(string Typed, string ReadAs);
