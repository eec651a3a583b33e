namespace BotHost.Knowledge.Answers;

/// <summary>Quoted text from a section, trimmed on sentence or word boundaries, with the matched words marked.</summary>
/// <param name="Trimmed">True when the snippet is shorter than its section.</param>
public sealed record Snippet(string Text, IReadOnlyList<TextRange> Highlights, bool Trimmed);
