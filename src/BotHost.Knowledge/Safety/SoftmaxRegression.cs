using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// Multinomial logistic regression over sentence vectors: one weight vector and bias per class, probabilities by
/// softmax. Trained deterministically (zeros to start, full-batch Adam, L2 penalty, each class weighted by the inverse of
/// its size so a large class of everyday messages does not drown a small category). Kept here rather than taken from
/// ML.NET: the whole model is a few hundred numbers per class and trains in well under a second, which does not need a
/// data-pipeline framework in the bot's process.
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly float[][] _weights;
    private readonly float[] _bias;

    private SoftmaxRegression(float[][] weights, float[] bias)
    {
        _weights = weights;
        _bias = bias;
    }

    public int Classes => _bias.Length;

    /// <summary>Settings of <see cref="Train"/>; the defaults were chosen by cross-validation on the example files.</summary>
    public sealed record Settings(int Iterations = 150, float LearningRate = 0.05f, float L2 = 1e-2f);

    /// <summary>Fits the model to unit-length vectors and their class numbers (0 to classes - 1).</summary>
    /// <param name="classWeights">Relative weight of each class in the loss (the default weighs every class the same in total).</param>
    /// <param name="rowWeights">Relative weight of each vector within its class (the default: all the same); a class's total
    /// stays its <paramref name="classWeights"/> share.</param>
    public static SoftmaxRegression Train(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, int classes, Settings? settings = null,
        IReadOnlyList<float>? classWeights = null, IReadOnlyList<float>? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (vectors.Count != labels.Count || vectors.Count == 0) throw new ArgumentException("one label per vector, at least one vector", nameof(labels));
        settings ??= new Settings();
        var n = vectors.Count;
        var d = vectors[0].Length;

        // Standardised features train far faster; the scaling is folded back into the weights at the end.
        var mean = new float[d];
        var scale = new float[d];
        foreach (var v in vectors) TensorPrimitives.Add(mean, v, mean);
        TensorPrimitives.Divide(mean, n, mean);
        var centred = new float[d];
        foreach (var v in vectors)
        {
            TensorPrimitives.Subtract(v, mean, centred);
            TensorPrimitives.MultiplyAdd(centred, centred, scale, scale);
        }

        for (var j = 0; j < d; j++) scale[j] = 1f / MathF.Sqrt(scale[j] / n + 1e-8f);
        var x = new float[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new float[d];
            TensorPrimitives.Subtract(vectors[i], mean, x[i]);
            TensorPrimitives.Multiply(x[i], scale, x[i]);
        }

        if (rowWeights is not null && rowWeights.Count != n) throw new ArgumentException("one weight per vector", nameof(rowWeights));
        var counts = new float[classes];
        for (var i = 0; i < n; i++) counts[labels[i]] += rowWeights?[i] ?? 1f;
        var totalWeight = Enumerable.Range(0, classes).Where(k => counts[k] > 0).Sum(k => classWeights?[k] ?? 1f);
        var sampleWeight = labels.Select((l, i) => (rowWeights?[i] ?? 1f) * (classWeights?[l] ?? 1f) / (totalWeight * counts[l])).ToArray();

        var w = NewMatrix(classes, d);
        var b = new float[classes];
        var gradW = NewMatrix(classes, d);
        var gradB = new float[classes];
        var m1 = NewMatrix(classes, d);
        var m2 = NewMatrix(classes, d);
        var mb1 = new float[classes];
        var mb2 = new float[classes];
        var probabilities = new float[classes];
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var step = 1; step <= settings.Iterations; step++)
        {
            foreach (var g in gradW) Array.Clear(g);
            Array.Clear(gradB);
            for (var i = 0; i < n; i++)
            {
                Probabilities(w, b, x[i], probabilities);
                for (var k = 0; k < classes; k++)
                {
                    var error = (probabilities[k] - (labels[i] == k ? 1f : 0f)) * sampleWeight[i];
                    if (error == 0f) continue;
                    TensorPrimitives.MultiplyAdd(x[i], error, gradW[k], gradW[k]);
                    gradB[k] += error;
                }
            }

            var correction1 = 1f - MathF.Pow(beta1, step);
            var correction2 = 1f - MathF.Pow(beta2, step);
            for (var k = 0; k < classes; k++)
            {
                TensorPrimitives.MultiplyAdd(w[k], settings.L2, gradW[k], gradW[k]);
                Adam(w[k], gradW[k], m1[k], m2[k], settings.LearningRate, correction1, correction2);
                mb1[k] = beta1 * mb1[k] + (1 - beta1) * gradB[k];
                mb2[k] = beta2 * mb2[k] + (1 - beta2) * gradB[k] * gradB[k];
                b[k] -= settings.LearningRate * (mb1[k] / correction1) / (MathF.Sqrt(mb2[k] / correction2) + epsilon);
            }
        }

        // w·((v - mean) * scale) + b = (w * scale)·v + (b - (w * scale)·mean): score raw vectors directly.
        for (var k = 0; k < classes; k++)
        {
            TensorPrimitives.Multiply(w[k], scale, w[k]);
            b[k] -= TensorPrimitives.Dot(w[k], mean);
        }

        return new SoftmaxRegression(w, b);
    }

    /// <summary>Writes the weights and biases for <see cref="Read"/>.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_bias.Length);
        writer.Write(_bias.Length == 0 ? 0 : _weights[0].Length);
        for (var k = 0; k < _bias.Length; k++)
        {
            writer.Write(_bias[k]);
            foreach (var w in _weights[k]) writer.Write(w);
        }
    }

    /// <summary>A model written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> when the data does not describe one.</summary>
    public static SoftmaxRegression Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var classes = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        if (classes < 2 || classes > 1 << 10 || dimensions <= 0 || dimensions > 1 << 16) throw new InvalidDataException("not a softmax regression");
        var weights = NewMatrix(classes, dimensions);
        var bias = new float[classes];
        for (var k = 0; k < classes; k++)
        {
            bias[k] = reader.ReadSingle();
            for (var j = 0; j < dimensions; j++) weights[k][j] = reader.ReadSingle();
        }

        return new SoftmaxRegression(weights, bias);
    }

    /// <summary>The number of each vector's dimensions the model reads.</summary>
    public int Dimensions => _weights[0].Length;

    /// <summary>The probability of each class for one vector, written into <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<float> vector, Span<float> probabilities) => Probabilities(_weights, _bias, vector, probabilities);

    private static void Probabilities(float[][] w, float[] b, ReadOnlySpan<float> x, Span<float> probabilities)
    {
        for (var k = 0; k < w.Length; k++) probabilities[k] = TensorPrimitives.Dot(w[k], x) + b[k];
        TensorPrimitives.SoftMax(probabilities[..w.Length], probabilities[..w.Length]);
    }

    private static void Adam(float[] weights, float[] gradient, float[] m1, float[] m2, float rate, float correction1, float correction2)
    {
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var j = 0; j < weights.Length; j++)
        {
            var g = gradient[j];
            m1[j] = beta1 * m1[j] + (1 - beta1) * g;
            m2[j] = beta2 * m2[j] + (1 - beta2) * g * g;
            weights[j] -= rate * (m1[j] / correction1) / (MathF.Sqrt(m2[j] / correction2) + epsilon);
        }
    }

    private static float[][] NewMatrix(int rows, int columns)
    {
        var matrix = new float[rows][];
        for (var i = 0; i < rows; i++) matrix[i] = new float[columns];
        return matrix;
    }
}
