namespace BotHost.Knowledge.Safety;

/// <summary>
/// The word weights of a learned refusal score (<see cref="StanceClassifier"/>, <see cref="RefusalModel"/>) as the
/// trained-model cache keeps them: their count, then each term and its weight in ordinal order of the terms, so that the
/// same model always writes the same bytes.
/// </summary>
internal static class TermWeights
{
    /// <summary>The most terms <see cref="Read"/> accepts (a larger count is a damaged file, not a model).</summary>
    private const int MaxTerms = 1 << 22;

    public static void Write(BinaryWriter writer, IReadOnlyDictionary<string, float> weights)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(weights);
        writer.Write(weights.Count);
        foreach (var (term, weight) in weights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(term);
            writer.Write(weight);
        }
    }

    /// <summary>Weights written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming <paramref name="model"/> when they are not.</summary>
    public static Dictionary<string, float> Read(BinaryReader reader, string model)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var count = reader.ReadInt32();
        if (count < 0 || count > MaxTerms) throw new InvalidDataException($"not a {model}: bad vocabulary");
        var weights = new Dictionary<string, float>(count, StringComparer.Ordinal);
        for (var t = 0; t < count; t++)
        {
            var term = reader.ReadString();
            if (!weights.TryAdd(term, reader.ReadSingle())) throw new InvalidDataException($"not a {model}: a term repeats");
        }

        return weights;
    }
}
