namespace BotHost.Knowledge.Search;

/// <summary>What matching one phrase costs in one FTS5 table.</summary>
/// <param name="Rows">Rows the phrase matches (bm25's idf counts exactly these).</param>
/// <param name="WordRows">Rows its words are in, added up: what FTS5 reads to find the phrase (= <paramref name="Rows"/> for one word).</param>
internal readonly record struct PhraseStatistics(int Rows, long WordRows);
