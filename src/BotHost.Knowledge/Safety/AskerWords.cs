using System.Globalization;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// Word classes for the stance classifier (<see cref="StanceClassifier.Settings.Classes"/>): who acts on whom in a
/// message, whatever the exact words. A request to refuse is mostly the asker as the actor (first person) with a verb of
/// getting, persuading, meeting or hiding and a minor as the object ("how do i get a 13 year old to..."); a protective
/// question is mostly the asker's own child or a verb of reporting and protecting ("my daughter got sent...", "how do i
/// report..."). The word features alone learn this only for the words the examples use ("11 year old" and "15 year
/// old" are different words to them); the classes let one weight carry it to every word of the class and every age.
/// Classes of grammar and of the domain's everyday words, never phrases of the eval sets: the weights are learned from
/// the examples.
/// </summary>
internal static class AskerWords
{
    /// <summary>The marker that starts a class term (a word never starts with it: <see cref="SafetyText"/> keeps letters and digits).</summary>
    public const string Marker = "=";

    private static readonly Dictionary<string, string> Classes = Build(new()
    {
        ["self"] = ["i", "me", "myself", "we", "us"],
        ["mine"] = ["my", "our", "mine"],
        ["other"] = ["her", "his", "their", "your", "someones", "somebodys"],
        ["minor"] =
        [
            "kid", "kids", "child", "children", "childs", "minor", "minors", "teen", "teens", "teenager", "teenagers", "tween", "tweens", "preteen",
            "preteens", "girl", "girls", "boy", "boys", "underage", "underaged", "schoolgirl", "schoolgirls", "schoolboy", "schoolboys", "youngster",
            "youngsters", "toddler", "toddlers", "juvenile", "juveniles", "classmate", "classmates", "loli", "jailbait", "highschooler", "highschoolers",
        ],
        ["kin"] =
        [
            "son", "sons", "daughter", "daughters", "niece", "nephew", "stepdaughter", "stepson", "grandson", "granddaughter", "sister", "brother",
            "student", "students", "pupil", "pupils", "cousin",
        ],
        ["acquire"] =
        [
            "get", "got", "find", "buy", "bought", "download", "trade", "trading", "swap", "sell", "share", "send", "sends", "collect", "access", "obtain",
            "grab", "leak", "leaked", "see", "watch", "link", "links", "pics", "nudes", "videos", "vids", "photos", "pictures", "content", "stash",
        ],
        ["persuade"] =
        [
            "convince", "persuade", "make", "trick", "talk", "lure", "groom", "grooming", "manipulate", "pressure", "bribe", "coax", "seduce", "flirt",
            "trust", "offer", "pay", "tempt", "gift", "gifts", "compliment", "befriend", "approach", "blackmail", "threaten", "scare", "force",
        ],
        ["meet"] = ["meet", "meetup", "hang", "hangout", "visit", "pick", "alone", "date", "sleepover", "drive", "invite", "irl", "hotel", "address"],
        ["hide"] =
        [
            "hide", "hidden", "secret", "secrets", "secretly", "avoid", "caught", "delete", "wipe", "trace", "traced", "untraceable", "detection", "detect",
            "flagged", "flag", "police", "cops", "anonymous", "vpn", "encrypted", "evade", "bypass", "filter", "filters", "noticing", "knowing", "finds",
        ],
        ["protect"] =
        [
            "report", "reported", "reporting", "protect", "protecting", "safe", "safety", "warning", "signs", "worried", "concerned", "worry", "scared",
            "help", "block", "blocked", "stop", "teach", "explain", "prevent", "recognize", "spot", "law", "illegal", "legal", "moderator", "mods", "mod",
        ],
        ["ask"] = ["how", "where", "what", "which", "who", "why", "when", "can", "should", "is", "are", "does", "do"],
    });

    private static Dictionary<string, string> Build(Dictionary<string, string[]> classes)
    {
        var byWord = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, words) in classes)
        {
            foreach (var word in words) byWord.Add(word, Marker + name);
        }

        return byWord;
    }

    /// <summary>
    /// A word's class (marked with <see cref="Marker"/>), or null: the classes above, and ages as numbers (1 to 17 a
    /// minor's age, 18 to 99 an adult's; "13yo", "14yr", "15y" too).
    /// </summary>
    public static string? ClassOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Classes.TryGetValue(word, out var name)) return name;
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits])) digits++;
        if (digits is 0 or > 2) return null;
        var rest = word.AsSpan(digits);
        if (!(rest.IsEmpty || rest is "yo" or "yr" or "yrs" or "y" or "yro")) return null;
        var age = int.Parse(word.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);
        return age is >= 1 and < 18 ? Marker + "age-minor" : age >= 18 ? Marker + "age-adult" : null;
    }

    /// <summary>
    /// The class terms of a message's words: each classed word's class (once per word, so a class counts as often as
    /// its words), each adjacent pair of words with a classed word read as its class ("=self =acquire", "a =minor"), the
    /// order of the classes in the message (each pair of successive classed words, "=acquire>=minor"), and whether the
    /// asker acts on a minor (first person, then a verb of getting, persuading, meeting or hiding, then a minor or a
    /// minor's age: "=actor-on-minor").
    /// </summary>
    public static IEnumerable<string> TermsOf(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var classes = words.Select(ClassOf).ToArray();
        var sequence = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (classes[i] is not { } c) continue;
            yield return c;
            if (sequence.Count == 0 || sequence[^1] != c) sequence.Add(c);
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (classes[i] is null && classes[i + 1] is null) continue;
            yield return $"{classes[i] ?? words[i]} {classes[i + 1] ?? words[i + 1]}";
        }

        for (var i = 0; i + 1 < sequence.Count; i++) yield return $"{sequence[i]}>{sequence[i + 1]}";
        var stage = 0;
        foreach (var c in sequence)
        {
            if (stage == 0 && c == Marker + "self") stage = 1;
            else if (stage == 1 && c is "=acquire" or "=persuade" or "=meet" or "=hide") stage = 2;
            else if (stage == 2 && c is "=minor" or "=age-minor") stage = 3;
        }

        if (stage == 3) yield return Marker + "actor-on-minor";
    }
}
