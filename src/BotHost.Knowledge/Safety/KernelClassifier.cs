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
        var machine = KernelMachine.Train(gram, rows, positive, weights, settings);
        var dimensions = gram.Vectors[0].Length;
        var matrix = new float[positives.Count * dimensions];
        for (var p = 0; p < positives.Count; p++) gram.Vectors[positives[p]].CopyTo(matrix, p * dimensions);
        return new KernelClassifier(machine, matrix, [.. positives.Select(r => examples[r])], dimensions);
    }

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
