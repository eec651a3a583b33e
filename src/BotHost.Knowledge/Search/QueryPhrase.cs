namespace BotHost.Knowledge.Search;

/// <summary>One way of saying a concept: its words as folded by the tokenizer, and their Porter stems (<see cref="LuceneAnalysis.Stem"/>).</summary>
public sealed record QueryPhrase(IReadOnlyList<string> Words, IReadOnlyList<string> Stems)
{
    public static QueryPhrase FromWords(IReadOnlyList<string> words) => new(words, [.. words.Select(w => LuceneAnalysis.Stem(w))]);

    public override string ToString() => string.Join(' ', Words);
}
