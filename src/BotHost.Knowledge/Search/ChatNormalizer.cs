namespace BotHost.Knowledge.Search;

/// <summary>
/// Undoes the commonest chat spellings before searching: stretched letters ("pleeease", "helllp"), and the
/// abbreviations every chat uses for ordinary words ("u", "ur", "pls", "sum1", "rn"). Domain slang ("pix",
/// "cp", "kms") belongs in synonyms.yaml, where maintainers can change it; this table is only everyday chat.
/// </summary>
public static class ChatNormalizer
{
    private static readonly Dictionary<string, string[]> Abbreviations = new(StringComparer.Ordinal)
    {
        ["u"] = ["you"],
        ["ur"] = ["your"],
        ["urs"] = ["yours"],
        ["r"] = ["are"],
        ["y"] = ["why"],
        ["n"] = ["and"],
        ["pls"] = ["please"],
        ["plz"] = ["please"],
        ["pleas"] = ["please"],
        ["thx"] = ["thanks"],
        ["ty"] = ["thanks"],
        ["sum1"] = ["someone"],
        ["some1"] = ["someone"],
        ["sumone"] = ["someone"],
        ["any1"] = ["anyone"],
        ["ne1"] = ["anyone"],
        ["every1"] = ["everyone"],
        ["no1"] = ["no", "one"],
        ["ppl"] = ["people"],
        ["ppls"] = ["people"],
        ["bc"] = ["because"],
        ["b4"] = ["before"],
        ["cuz"] = ["because"],
        ["coz"] = ["because"],
        ["cos"] = ["because"],
        ["rn"] = ["right", "now"],
        ["atm"] = ["at", "the", "moment"],
        ["tho"] = ["though"],
        ["thru"] = ["through"],
        ["wanna"] = ["want", "to"],
        ["gonna"] = ["going", "to"],
        ["gotta"] = ["got", "to"],
        ["dunno"] = ["do", "not", "know"],
        ["dont"] = ["do", "not"],
        ["doesnt"] = ["does", "not"],
        ["didnt"] = ["did", "not"],
        ["cant"] = ["can", "not"],
        ["wont"] = ["will", "not"],
        ["isnt"] = ["is", "not"],
        ["im"] = ["i", "am"],
        ["ive"] = ["i", "have"],
        ["wat"] = ["what"],
        ["wut"] = ["what"],
        ["wht"] = ["what"],
        ["whats"] = ["what", "is"],
        ["hw"] = ["how"],
        ["msg"] = ["message"],
        ["msgs"] = ["messages"],
        ["msged"] = ["messaged"],
        ["txt"] = ["text"],
        ["txts"] = ["texts"],
        ["bf"] = ["boyfriend"],
        ["gf"] = ["girlfriend"],
        ["ok"] = ["okay"],
        ["k"] = ["okay"],
        ["2"] = ["to"],
        ["4"] = ["for"],
        ["2day"] = ["today"],
        ["2nite"] = ["tonight"],
        ["tmrw"] = ["tomorrow"],
        ["tmr"] = ["tomorrow"],
        ["ppl's"] = ["people"],
        ["abt"] = ["about"],
        ["w"] = ["with"],
        ["wth"] = ["with"],
        ["frnd"] = ["friend"],
        ["frnds"] = ["friends"],
        ["sis"] = ["sister"],
        ["bro"] = ["brother"],
        ["mum"] = ["mom"],
        ["parnts"] = ["parents"],
        ["prob"] = ["probably"],
        ["bday"] = ["birthday"],
        ["insta"] = ["instagram"],
        ["snap"] = ["snapchat"],
        ["yr"] = ["year"],
        ["yrs"] = ["years"],
        ["yo"] = ["year", "old"],
        ["yro"] = ["year", "old"],
    };

    /// <summary>The words a chat token stands for: abbreviations expanded, stretched letters collapsed.</summary>
    /// <param name="isKnown">Whether a spelling occurs in the knowledge base (chooses "help" over "hellp").</param>
    public static IReadOnlyList<string> Normalize(string word, Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(isKnown);
        if (Abbreviations.TryGetValue(word, out var expansion)) return expansion;
        var collapsed = CollapseRuns(word, 2);
        if (collapsed.Length == word.Length) return [word];
        if (isKnown(collapsed) || Abbreviations.ContainsKey(collapsed)) return Abbreviations.GetValueOrDefault(collapsed) ?? [collapsed];
        var single = CollapseRuns(word, 1);
        return Abbreviations.GetValueOrDefault(single) ?? [isKnown(single) ? single : collapsed];
    }

    /// <summary>Shortens every run of the same letter to at most <paramref name="max"/> ("pleeeease" -> "pleease").</summary>
    public static string CollapseRuns(string word, int max)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!HasLongRun(word, max)) return word; // nearly every word: no copy made for it
        var chars = new char[word.Length];
        var length = 0;
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run <= max || char.IsDigit(word[i])) chars[length++] = word[i];
        }

        return new string(chars, 0, length);
    }

    private static bool HasLongRun(string word, int max)
    {
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run > max && !char.IsDigit(word[i])) return true;
        }

        return false;
    }
}
