namespace BotHost.Knowledge.Search;

/// <summary>A question after analysis: the concepts to look for, the corrections made, and the query the index runs.</summary>
public sealed record AnalyzedQuery(IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<SpellingCorrection> Corrections, LexicalQuery Lexical)
{
    public bool IsEmpty => Concepts.Count == 0 || Lexical.IsEmpty;

    /// <summary>Every word of the question as typed (folded; stop words and unknown words kept, nothing corrected).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}
