namespace BotHost.Knowledge.Safety;

/// <summary>
/// Word features of a message for <see cref="KernelMachine"/>: its words and pairs of adjacent words (as the rules read
/// them, <see cref="SafetyText"/>), each weighted by how rare it is among the training rows (tf-idf), scaled to unit
/// length. The sentence vector places a message by topic; these words ("my daughter", "get help", "send me") carry
/// much of who is asking and why, which is what tells a request to refuse from a protective question on the same topic.
/// Words the training rows never use have no feature (they would match nothing).
/// </summary>
internal sealed class TextFeatures
{
    private readonly Dictionary<string, int> _ids;
    private readonly float[] _idf;

    private TextFeatures(Dictionary<string, int> ids, float[] idf)
    {
        _ids = ids;
        _idf = idf;
    }

    public int Count => _idf.Length;

    /// <summary>The vocabulary and rarity of every word and word pair of the training texts.</summary>
    public static TextFeatures Fit(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = new List<int>();
        foreach (var text in texts)
        {
            foreach (var term in Terms(text).Distinct(StringComparer.Ordinal))
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

    /// <summary>The message's unit-length feature vector (empty when it shares no word with the training rows).</summary>
    public SparseVector Vectorize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = new SortedDictionary<int, float>();
        foreach (var term in Terms(text))
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
