using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// Scores a message vector against labelled example vectors two ways and blends them: the votes of its
/// <see cref="Neighbours"/> nearest examples (each weighted by how close it is) and a
/// <see cref="SoftmaxRegression"/> fitted to all of them. Neighbours follow wordings close to an example; the linear
/// model generalises across wordings, since it learns which directions of the embedding space separate the classes.
/// </summary>
internal sealed class ExampleClassifier
{
    /// <summary>How many nearest examples vote.</summary>
    public const int Neighbours = 10;

    /// <summary>
    /// Share of the linear model in the blended score (the rest is the neighbours' vote). 0.3 with the linear model's L2
    /// of 0.01 gave the fewest false alarms at the same recall, cross-validated on the examples and checked on the dev
    /// sets (shares 0 to 1, L2 0.001 to 0.1, temperatures 0.02 to 0.2 and 10 or 20 neighbours were tried).
    /// </summary>
    public const float ModelShare = 0.3f;

    /// <summary>Softmax temperature of the neighbours' votes: a neighbour 0.05 closer counts e (2.7) times as much.</summary>
    private const float VoteTemperature = 0.05f;

    private readonly float[] _matrix;
    private readonly NearestExamples _nearest;
    private readonly int[] _labels;
    private readonly SafetyExample[] _examples;
    private readonly int _dimensions;
    private readonly SoftmaxRegression _model;

    private ExampleClassifier(float[] matrix, int[] labels, SafetyExample[] examples, int dimensions, int classes, SoftmaxRegression model)
    {
        _matrix = matrix;
        _nearest = new NearestExamples(matrix, dimensions);
        _labels = labels;
        _examples = examples;
        _dimensions = dimensions;
        Classes = classes;
        _model = model;
    }

    public int Classes { get; }

    public int Count => _labels.Length;

    /// <param name="examples">The example behind each vector, for explanations.</param>
    /// <param name="classWeights">Weight of each class in the linear model's loss (see <see cref="SoftmaxRegression.Train"/>).</param>
    /// <param name="rowWeights">Weight of each example within its class in the linear model (null: all the same).</param>
    public static ExampleClassifier Train(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, IReadOnlyList<SafetyExample> examples, int classes,
        IReadOnlyList<float> classWeights, IReadOnlyList<float>? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(examples);
        var model = SoftmaxRegression.Train(vectors, labels, classes, new SoftmaxRegression.Settings(), classWeights, rowWeights);
        return Restore(vectors, labels, examples, model);
    }

    /// <summary>The classifier of <see cref="Train"/> with its linear model already fitted (read back from the trained-model cache).</summary>
    public static ExampleClassifier Restore(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, IReadOnlyList<SafetyExample> examples, SoftmaxRegression model)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(model);
        var dimensions = vectors[0].Length;
        if (model.Dimensions != dimensions) throw new ArgumentException($"the model reads vectors of {model.Dimensions} numbers, not {dimensions}", nameof(model));
        var matrix = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++) vectors[i].CopyTo(matrix, i * dimensions);
        return new ExampleClassifier(matrix, [.. labels], [.. examples], dimensions, model.Classes, model);
    }

    /// <summary>The linear model (for the trained-model cache).</summary>
    public SoftmaxRegression Model => _model;

    /// <summary>Blended score per class (they sum to 1).</summary>
    public float[] Score(ReadOnlySpan<float> vector) => Score(vector, ModelShare);

    /// <summary>Blended score per class (they sum to 1), the linear model weighing <paramref name="share"/> (0 to 1) and the neighbours' vote the rest.</summary>
    public float[] Score(ReadOnlySpan<float> vector, float share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1f);
        using var scan = _nearest.Bound(vector);
        return Score(vector, share, scan);
    }

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{float}, float)"/> and the nearest example of the class <paramref name="label"/> picks
    /// from the scores (null when that class has none), from one pass over the examples' 16-bit copy.
    /// </summary>
    public (float[] Scores, SafetyExample? Nearest) ScoreWithNearest(ReadOnlySpan<float> vector, float share, Func<float[], int> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        using var scan = _nearest.Bound(vector);
        var scores = Score(vector, share, scan);
        return (scores, NearestOf(scan, label(scores)));
    }

    private float[] Score(ReadOnlySpan<float> vector, float share, in NearestExamples.Scan scan)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1f);
        var scores = new float[Classes];
        _model.Predict(vector, scores);
        TensorPrimitives.Multiply(scores, share, scores);
        var (votes, total) = Votes(scan);
        if (total > 0) TensorPrimitives.MultiplyAdd(votes, (1 - share) / total, scores, scores);
        return scores;
    }

    /// <summary>The <see cref="Neighbours"/> nearest examples' votes per class (each weighted by how close it is) and their sum.</summary>
    private (float[] Votes, float Total) Votes(in NearestExamples.Scan scan)
    {
        Span<int> best = stackalloc int[Neighbours];
        Span<float> bestSimilarity = stackalloc float[Neighbours];
        scan.Nearest(best, bestSimilarity);

        var votes = new float[Classes];
        var total = 0f;
        for (var j = 0; j < Neighbours && best[j] >= 0; j++)
        {
            var weight = MathF.Exp((bestSimilarity[j] - bestSimilarity[0]) / VoteTemperature);
            votes[_labels[best[j]]] += weight;
            total += weight;
        }

        return (votes, total);
    }

    /// <summary>
    /// The two parts <see cref="Score(ReadOnlySpan{float}, float)"/> blends, per class: the linear model's probabilities and
    /// the neighbours' vote shares (for <c>kb eval --calibrate</c>'s variants, which try other shares).
    /// </summary>
    public (float[] Model, float[] Vote) Parts(ReadOnlySpan<float> vector)
    {
        var model = new float[Classes];
        _model.Predict(vector, model);
        using var scan = _nearest.Bound(vector);
        var (votes, total) = Votes(scan);
        if (total > 0) TensorPrimitives.Multiply(votes, 1 / total, votes);
        return (model, votes);
    }

    /// <summary>
    /// How much closer the message is to its nearest example outside class <paramref name="label"/> than to its nearest
    /// example of it (cosine similarities; negative when an example of the class is the closest); NaN when either side has none.
    /// </summary>
    public float Margin(ReadOnlySpan<float> vector, int label)
    {
        var inside = float.NegativeInfinity;
        var outside = float.NegativeInfinity;
        for (var i = 0; i < _labels.Length; i++)
        {
            var similarity = TensorPrimitives.Dot(vector, _matrix.AsSpan(i * _dimensions, _dimensions));
            if (_labels[i] == label) inside = Math.Max(inside, similarity);
            else outside = Math.Max(outside, similarity);
        }

        return float.IsNegativeInfinity(inside) || float.IsNegativeInfinity(outside) ? float.NaN : outside - inside;
    }

    /// <summary>The nearest example of one class (for explanations), or null when the class has none.</summary>
    public SafetyExample? NearestOf(ReadOnlySpan<float> vector, int label)
    {
        using var scan = _nearest.Bound(vector);
        return NearestOf(scan, label);
    }

    private SafetyExample? NearestOf(in NearestExamples.Scan scan, int label)
    {
        if (label < 0) return null;
        Span<int> best = stackalloc int[1];
        Span<float> bestSimilarity = stackalloc float[1];
        return scan.Nearest(best, bestSimilarity, _labels, label) == 0 ? null : _examples[best[0]];
    }
}
