namespace BotHost.Knowledge.Search;

/// <summary>One quoted phrase of an <see cref="FtsQuery"/>, and each of its words quoted on its own.</summary>
/// <param name="Text">The phrase as written in the MATCH expression: <c>"intimate images"</c>.</param>
/// <param name="Words">Its words as one-word phrases (<c>"intimate"</c>, <c>"images"</c>): FTS5 reads all their rows to match the phrase.</param>
public sealed record FtsPhrase(string Text, IReadOnlyList<string> Words);
