namespace BotHost.Knowledge.Safety;

/// <summary>
/// Word features of a message for <see cref="KernelMachine"/>: its words and pairs of adjacent words (as the rules read
/// them, <see cref="SafetyText"/>), each weighted by how rare it is among the training rows (tf-idf), scaled to unit
/// length. The sentence vector places a message by topic; these words ("my daughter", "get help", "send me") carry
/// much of who is asking and why, which is what tells a request to refuse from a protective question on the same topic.
/// Words the training rows never use have no feature (they would match nothing). With <see cref="Classes"/>, a second
/// block follows, itself of unit length: the same message with each word of an <see cref="AskerWords"/> class read as its
/// class ("how do i =acquire a =age-minor year old"), its terms one, two and three of those in a row, so "get a 12 year
/// old" and "find an 11 yo" share their stance whatever the exact words (the two blocks' cosines are summed: a kernel's
/// word part weighs each half).
/// </summary>
internal sealed class TextFeatures
{
    private readonly Dictionary<string, int> _ids;
    private readonly float[] _idf;

    /// <summary>The class-masked terms' block (<see cref="Classes"/>), its ids after the words'.</summary>
    private readonly TextFeatures? _classes;

    private TextFeatures(Dictionary<string, int> ids, float[] idf, TextFeatures? classes = null)
    {
        _ids = ids;
        _idf = idf;
        _classes = classes;
    }

    /// <summary>How many features there are (both blocks' with <see cref="Classes"/>).</summary>
    public int Count => _idf.Length + (_classes?.Count ?? 0);

    /// <summary>Whether a second block reads the message with its <see cref="AskerWords"/> classes in place of their words.</summary>
    public bool Classes => _classes is not null;

    /// <summary>The vocabulary and rarity of every word and word pair of the training texts.</summary>
    /// <param name="classes">Also the block of class-masked terms (<see cref="Classes"/>).</param>
    public static TextFeatures Fit(IReadOnlyList<string> texts, bool classes = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = Fit(texts, Terms);
        return classes ? new TextFeatures(words._ids, words._idf, Fit(texts, ClassTerms)) : words;
    }

    private static TextFeatures Fit(IReadOnlyList<string> texts, Func<string, IEnumerable<string>> terms)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = new List<int>();
        foreach (var text in texts)
        {
            foreach (var term in terms(text).Distinct(StringComparer.Ordinal))
            {
                if (!ids.TryGetValue(term, out var id))
                {
                    id = ids.Count;
                    ids[term] = id;
                    documents.Add(0);
                }

                documents[id]++;
            }
        }

        // Smoothed inverse document frequency: ln((1 + n) / (1 + df)) + 1.
        var idf = documents.Select(df => (float)(Math.Log((1d + texts.Count) / (1d + df)) + 1)).ToArray();
        return new TextFeatures(ids, idf);
    }

    /// <summary>
    /// The message's feature vector: the words' block of unit length (empty when it shares no word with the training rows),
    /// then with <see cref="Classes"/> the class-masked block, of unit length too, its ids after the words'.
    /// </summary>
    public SparseVector Vectorize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Vectorize(Terms(text));
        if (_classes is null) return words;
        var masked = _classes.Vectorize(ClassTerms(text));
        if (masked.Ids.Length == 0) return words;
        var offset = _idf.Length;
        return new SparseVector([.. words.Ids, .. masked.Ids.Select(id => id + offset)], [.. words.Values, .. masked.Values]);
    }

    /// <summary>The class-masked block of <see cref="Vectorize(string)"/> alone, with its own ids (from 0); empty without <see cref="Classes"/>.</summary>
    public SparseVector VectorizeClasses(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _classes is null ? SparseVector.Empty : _classes.Vectorize(ClassTerms(text));
    }

    private SparseVector Vectorize(IEnumerable<string> terms)
    {
        var weights = new SortedDictionary<int, float>();
        foreach (var term in terms)
        {
            if (!_ids.TryGetValue(term, out var id)) continue;
            weights[id] = weights.GetValueOrDefault(id) + _idf[id];
        }

        var norm = MathF.Sqrt(weights.Values.Sum(w => w * w));
        return norm == 0 ? SparseVector.Empty : new SparseVector([.. weights.Keys], [.. weights.Values.Select(w => w / norm)]);
    }

    private static IEnumerable<string> Terms(string text)
    {
        var words = SafetyText.Read(text).Words;
        for (var i = 0; i < words.Count; i++)
        {
            yield return words[i];
            if (i + 1 < words.Count) yield return $"{words[i]} {words[i + 1]}";
        }
    }

    /// <summary>
    /// The class-masked terms: each word read as its <see cref="AskerWords"/> class when it has one (a class starts with
    /// <see cref="AskerWords.Marker"/>, which no word does), then every run of one, two and three of those.
    /// </summary>
    internal static IEnumerable<string> ClassTerms(string text)
    {
        var masked = SafetyText.Read(text).Words.Select(w => AskerWords.ClassOf(w) ?? w).ToArray();
        for (var i = 0; i < masked.Length; i++)
        {
            yield return masked[i];
            if (i + 1 < masked.Length) yield return $"{masked[i]} {masked[i + 1]}";
            if (i + 2 < masked.Length) yield return $"{masked[i]} {masked[i + 1]} {masked[i + 2]}";
        }
    }
}

/// <summary>A sparse vector: feature ids in increasing order and their values.</summary>
internal readonly record struct SparseVector(int[] Ids, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public float Dot(SparseVector other)
    {
        float sum = 0;
        int a = 0, b = 0;
        var (ids, otherIds) = (Ids, other.Ids);
        while (a < ids.Length && b < otherIds.Length)
        {
            if (ids[a] == otherIds[b]) sum += Values[a++] * other.Values[b++];
            else if (ids[a] < otherIds[b]) a++;
            else b++;
        }

        return sum;
    }
}
