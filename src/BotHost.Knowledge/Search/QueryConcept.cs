namespace BotHost.Knowledge.Search;

/// <summary>
/// Something the member asked about: the words they typed and the other ways of saying it (synonyms, a typo's
/// correction). An article covers the concept when it contains any alternative.
/// </summary>
/// <param name="Typed">What the member wrote, folded ("pix").</param>
/// <param name="Alternatives">The phrases searched for it; the first is the main reading.</param>
/// <param name="Known">False when no alternative occurs anywhere in the knowledge base.</param>
public sealed record QueryConcept(string Typed, IReadOnlyList<QueryPhrase> Alternatives, bool Known);
