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

    /// <summary>
    /// For chat: the English set plus pronouns, auxiliaries, question words and fillers ("pls", "lol", "idk"),
    /// which members type around every question and which say nothing about its topic.
    /// </summary>
    public static IReadOnlySet<string> Chat { get; } = new HashSet<string>(English.Concat(
    [
        "about", "above", "after", "again", "all", "also", "am", "any", "anyone", "anything", "anyway", "been", "before",
        "being", "can", "could", "did", "do", "does", "doing", "done", "from", "get", "gets", "getting", "got", "had",
        "has", "have", "having", "he", "her", "here", "hers", "herself", "hey", "hi", "hello", "him", "himself", "his",
        "how", "i", "idk", "its", "itself", "just", "know", "like", "lol", "lmao", "me", "mine", "more", "my", "myself",
        "now", "oh", "ok", "okay", "omg", "one", "our", "ours", "out", "over", "please", "pls", "plz", "really", "right",
        "said", "say", "says", "she", "should", "so", "some", "someone", "something", "somebody", "still", "than",
        "thanks", "thank", "them", "themselves", "thing", "things", "those", "too", "u", "ugh", "um", "umm", "up", "us",
        "very", "want", "wants", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "would", "yeah",
        "yes", "you", "your", "yours", "yourself", "guys", "ur", "im", "wat", "cuz", "bc", "tho", "rn", "pleas", "ya",
        "go", "going", "make", "made", "think", "thought", "feel", "much", "many", "other", "way",
        "there's", "let", "lets", "should", "might", "must", "shall", "may", "each", "every", "own", "same", "well",
    ]), StringComparer.Ordinal);
}
