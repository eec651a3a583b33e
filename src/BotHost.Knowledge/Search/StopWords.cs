namespace BotHost.Knowledge.Search;

/// <summary>Words that carry no topic: dropped from questions before searching and before measuring coverage.</summary>
public static class StopWords
{
    /// <summary>Lucene's EnglishAnalyzer stop set (ENGLISH_STOP_WORDS_SET), the baseline's list.</summary>
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    };
}
