namespace BotHost.Knowledge.Search;

/// <summary>The full-text index over a knowledge base's passages (<see cref="LuceneSearchIndex"/>).</summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>Number of indexed passages (rows).</summary>
    int PassageCount { get; }

    /// <summary>Number of indexed questions (the articles' <c>questions</c>, one row each).</summary>
    int QuestionCount { get; }

    /// <summary>Every stemmed term in the index and the number of passages it occurs in.</summary>
    IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>Ranks the passages that contain any phrase of the query; best first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<PassageHit> Search(LexicalQuery query, int limit);

    /// <summary>
    /// The same query against the articles' questions, one row per question, so a member's question is compared
    /// with each way maintainers wrote it down (FAQ matching) rather than with all of them run together.
    /// <see cref="PassageHit.Passage"/> is the question's index.
    /// </summary>
    IReadOnlyList<PassageHit> SearchQuestions(LexicalQuery query, int limit);
}
