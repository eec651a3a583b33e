using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// A <see cref="KernelMachine"/> that tells one label from everything else, with the examples of that label kept to
/// explain a verdict (the nearest one, never the member's text).
/// </summary>
internal sealed class KernelClassifier
{
    private readonly KernelMachine _machine;
    private readonly float[] _positives;
    private readonly SafetyExample[] _examples;
    private readonly int _dimensions;

    private KernelClassifier(KernelMachine machine, float[] positives, SafetyExample[] examples, int dimensions)
    {
        _machine = machine;
        _positives = positives;
        _examples = examples;
        _dimensions = dimensions;
    }

    public int SupportVectors => _machine.SupportVectors;

    /// <summary>Fits the machine to <paramref name="rows"/> of the Gram matrix; null unless both classes have a row.</summary>
    /// <param name="examples">Per row of the Gram matrix: the example behind it.</param>
    public static KernelClassifier? Train(KernelMachine.Gram gram, IReadOnlyList<int> rows, IReadOnlyList<bool> positive, IReadOnlyList<float> weights,
        IReadOnlyList<SafetyExample> examples, KernelMachine.Settings settings)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(examples);
        var positives = rows.Where(r => positive[r]).ToList();
        if (positives.Count == 0 || positives.Count == rows.Count) return null;
        return Restore(KernelMachine.Train(gram, rows, positive, weights, settings), gram.Vectors, positives, examples);
    }

    /// <summary>
    /// As <see cref="Train(KernelMachine.Gram, IReadOnlyList{int}, IReadOnlyList{bool}, IReadOnlyList{float}, IReadOnlyList{SafetyExample}, KernelMachine.Settings)"/>
    /// without a Gram matrix of all rows (one training, as a knowledge load does).
    /// </summary>
    /// <param name="texts">Per row: its word features (read when the settings weigh them).</param>
    /// <param name="store">Kernels of earlier trainings of this load to reuse (see <see cref="KernelMachine.KernelStore"/>).</param>
    /// <param name="blocks">The two blocks <paramref name="texts"/> are made of, when they are (<see cref="KernelMachine.TextBlocks"/>).</param>
    public static KernelClassifier? Train(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts, IReadOnlyList<int> rows, IReadOnlyList<bool> positive,
        IReadOnlyList<float> weights, IReadOnlyList<SafetyExample> examples, KernelMachine.Settings settings, KernelMachine.KernelStore? store = null,
        KernelMachine.TextBlocks? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(examples);
        var positives = rows.Where(r => positive[r]).ToList();
        if (positives.Count == 0 || positives.Count == rows.Count) return null;
        return Restore(KernelMachine.Train(vectors, texts, rows, positive, weights, settings, store, blocks), vectors, positives, examples);
    }

    /// <summary>The classifier around a trained machine (also one read back from the trained-model cache).</summary>
    /// <param name="positives">The rows of the positive label (indices into <paramref name="vectors"/> and <paramref name="examples"/>).</param>
    public static KernelClassifier Restore(KernelMachine machine, IReadOnlyList<float[]> vectors, IReadOnlyList<int> positives, IReadOnlyList<SafetyExample> examples)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(examples);
        var dimensions = vectors[0].Length;
        if (machine.Dimensions != dimensions) throw new ArgumentException($"the machine reads vectors of {machine.Dimensions} numbers, not {dimensions}", nameof(machine));
        var matrix = new float[positives.Count * dimensions];
        for (var p = 0; p < positives.Count; p++) vectors[positives[p]].CopyTo(matrix, p * dimensions);
        return new KernelClassifier(machine, matrix, [.. positives.Select(r => examples[r])], dimensions);
    }

    /// <summary>The trained machine (for the trained-model cache).</summary>
    public KernelMachine Machine => _machine;

    /// <summary>Whether <see cref="Score"/> reads the message's word features.</summary>
    public bool UsesText => _machine.UsesText;

    /// <summary>0 to 1; above 0.5 on the positive side of the machine's boundary.</summary>
    public double Score(ReadOnlySpan<float> vector, SparseVector text = default) => _machine.Score(vector, text);

    /// <summary>The positive example closest to the vector.</summary>
    public SafetyExample Nearest(ReadOnlySpan<float> vector)
    {
        var nearest = 0;
        var best = float.NegativeInfinity;
        for (var p = 0; p < _examples.Length; p++)
        {
            var similarity = TensorPrimitives.Dot(vector, _positives.AsSpan(p * _dimensions, _dimensions));
            if (similarity > best)
            {
                best = similarity;
                nearest = p;
            }
        }

        return _examples[nearest];
    }
}
