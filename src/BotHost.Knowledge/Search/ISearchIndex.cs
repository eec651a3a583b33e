namespace BotHost.Knowledge.Search;

/// <summary>The full-text index over a knowledge base's passages (SQLite FTS5 behind it).</summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>Number of indexed passages (rows).</summary>
    int PassageCount { get; }

    /// <summary>Every stemmed term in the index and the number of passages it occurs in (from fts5vocab).</summary>
    IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>Runs an already-escaped FTS5 query; best passages first.</summary>
    IReadOnlyList<PassageHit> Search(FtsQuery query, int limit);
}
