namespace BotHost.Knowledge.Search;

/// <summary>A passage that matched a query: its row number (index into the built passages) and bm25 score (higher is better).</summary>
public readonly record struct PassageHit(int Passage, double Score);
