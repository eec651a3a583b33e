namespace BotHost.Knowledge.Search;

/// <summary>A question after analysis: the concepts to look for, the corrections made, and the FTS5 query.</summary>
public sealed record AnalyzedQuery(IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<SpellingCorrection> Corrections, FtsQuery Fts)
{
    public bool IsEmpty => Concepts.Count == 0 || Fts.IsEmpty;
}
