namespace BotHost.Knowledge.Search;

/// <summary>The full ranking for a question, before it is turned into an answer; used by <c>kb eval</c> and tests.</summary>
/// <param name="Ranked">Matching articles, best first (up to ten).</param>
/// <param name="Declined">True when the engine would not answer.</param>
public sealed record SearchResult(AnalyzedQuery Query, IReadOnlyList<RankedArticle> Ranked, bool Declined);
