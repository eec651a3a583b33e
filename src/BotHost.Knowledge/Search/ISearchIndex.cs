namespace BotHost.Knowledge.Search;

/// <summary>The full-text index over a knowledge base's passages (SQLite FTS5 behind it).</summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>Number of indexed passages (rows).</summary>
    int PassageCount { get; }

    /// <summary>Number of indexed questions (the articles' <c>questions</c>, one row each).</summary>
    int QuestionCount { get; }

    /// <summary>Every stemmed term in the index and the number of passages it occurs in (from fts5vocab).</summary>
    IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>
    /// Runs an already-escaped FTS5 query; best passages first. An index may leave out phrases that match nothing
    /// (scores unchanged) and, on a large table, the commonest phrases of an expensive query (see <c>MatchPlanner</c>).
    /// </summary>
    IReadOnlyList<PassageHit> Search(FtsQuery query, int limit);

    /// <summary>
    /// The same query against the articles' questions, one row per question, so a member's question is compared
    /// with each way maintainers wrote it down (FAQ matching) rather than with all of them run together.
    /// <see cref="PassageHit.Passage"/> is the question's index.
    /// </summary>
    IReadOnlyList<PassageHit> SearchQuestions(FtsQuery query, int limit);
}
