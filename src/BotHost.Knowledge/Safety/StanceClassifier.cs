using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The asker's stance, learned from the refusal examples alone: a request to refuse (the asker wants material, access to
/// a child, a way to coerce or to hide) against a protective question on the same topic (a parent, moderator, survivor or
/// help-seeker asks how to protect, report or understand). The kernel machine of the refusal detector places a message
/// by topic; requests and protective questions share their topic words ("pics", "13 year old", "discord"), so that
/// score alone cannot tell them apart. This is a logistic regression over what carries the stance: the message's words
/// and pairs of words ("send me", "my daughter", "how do i report", "without her parents"), how it opens ("where can i",
/// "is it"), and the sentence vector. It is trained on the refuse and protective rows only (everyday messages have no
/// stance on this topic); <see cref="SafetyRules"/> reads it only for messages the kernel machine already places near the
/// requests (refusal.yaml <c>stance_threshold</c>, <c>stance_from</c>). Deterministic: zeros to start, full-batch Adam
/// with an L2 penalty, each class weighing the same in total.
/// </summary>
internal sealed class StanceClassifier
{
    private readonly Dictionary<string, float> _weights;
    private readonly float[] _vectorWeights;
    private readonly float _bias;
    private readonly bool _classes;
    private readonly bool _words;

    private StanceClassifier(Dictionary<string, float> weights, float[] vectorWeights, float bias, bool classes, bool words = true)
    {
        _words = words;
        _weights = weights;
        _vectorWeights = vectorWeights;
        _bias = bias;
        _classes = classes;
    }

    /// <summary>
    /// Settings of <see cref="Train"/>. <paramref name="VectorWeight"/>: how much the sentence vector counts beside the words
    /// (0: words alone); <paramref name="ProtectiveWeight"/>: how much more a protective question's mistakes cost;
    /// <paramref name="Classes"/>: the word classes of <see cref="AskerWords"/> beside the words (who acts on whom);
    /// <paramref name="Words"/>: false to read the classes (and the opening) without the words themselves.
    /// </summary>
    public sealed record Settings(float VectorWeight = 1f, float L2 = 1e-3f, int Iterations = 300, float LearningRate = 0.05f, float ProtectiveWeight = 2f,
        bool Classes = false, bool Words = true);

    /// <summary>Whether the model reads the word classes of <see cref="AskerWords"/>.</summary>
    public bool ReadsClasses => _classes;

    /// <summary>Word features the model knows (with a non-zero weight).</summary>
    public int Terms => _weights.Count;

    /// <summary>Fits the model: <paramref name="refuse"/> true for a request to refuse, false for a protective question.</summary>
    public static StanceClassifier Train(IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, IReadOnlyList<bool> refuse, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(refuse);
        ArgumentNullException.ThrowIfNull(settings);
        var n = texts.Count;
        if (n == 0 || vectors.Count != n || refuse.Count != n) throw new ArgumentException("one vector and one label per text, at least one text", nameof(texts));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new (int[] Ids, float Value)[n];
        for (var i = 0; i < n; i++)
        {
            var terms = TermsOf(texts[i], settings.Classes, settings.Words);
            var rowIds = new int[terms.Count];
            for (var t = 0; t < terms.Count; t++)
            {
                if (!ids.TryGetValue(terms[t], out var id)) ids[terms[t]] = id = ids.Count;
                rowIds[t] = id;
            }

            rows[i] = (rowIds, terms.Count == 0 ? 0 : 1f / MathF.Sqrt(terms.Count));
        }

        var positives = refuse.Count(r => r);
        var negatives = n - positives;
        var sampleWeight = refuse.Select(r => r ? 1f / Math.Max(1, positives) : settings.ProtectiveWeight / Math.Max(1, negatives)).ToArray();

        var d = vectors[0].Length;
        var w = new float[ids.Count];
        var v = new float[d];
        var b = 0f;
        var gw = new float[ids.Count];
        var gv = new float[d];
        float[] m1 = new float[ids.Count], m2 = new float[ids.Count], vm1 = new float[d], vm2 = new float[d];
        float bm1 = 0, bm2 = 0;
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var step = 1; step <= settings.Iterations; step++)
        {
            Array.Clear(gw);
            Array.Clear(gv);
            var gb = 0f;
            for (var i = 0; i < n; i++)
            {
                var (rowIds, value) = rows[i];
                var z = b + (settings.VectorWeight * TensorPrimitives.Dot(v, vectors[i]));
                foreach (var id in rowIds) z += w[id] * value;
                var error = (Sigmoid(z) - (refuse[i] ? 1f : 0f)) * sampleWeight[i];
                foreach (var id in rowIds) gw[id] += error * value;
                if (settings.VectorWeight > 0) TensorPrimitives.MultiplyAdd(vectors[i], error * settings.VectorWeight, gv, gv);
                gb += error;
            }

            var correction1 = 1f - MathF.Pow(beta1, step);
            var correction2 = 1f - MathF.Pow(beta2, step);
            TensorPrimitives.MultiplyAdd(w, settings.L2, gw, gw);
            TensorPrimitives.MultiplyAdd(v, settings.L2, gv, gv);
            Adam(w, gw, m1, m2, settings.LearningRate, correction1, correction2);
            Adam(v, gv, vm1, vm2, settings.LearningRate, correction1, correction2);
            bm1 = (beta1 * bm1) + ((1 - beta1) * gb);
            bm2 = (beta2 * bm2) + ((1 - beta2) * gb * gb);
            b -= settings.LearningRate * (bm1 / correction1) / (MathF.Sqrt(bm2 / correction2) + epsilon);
        }

        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (term, id) in ids)
        {
            if (w[id] != 0) weights[term] = w[id];
        }

        TensorPrimitives.Multiply(v, settings.VectorWeight, v);
        return new StanceClassifier(weights, v, b, settings.Classes, settings.Words);
    }

    /// <summary>0 to 1: how strongly the message reads as a request rather than a protective question.</summary>
    public double Score(string text, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (vector.Length != _vectorWeights.Length) throw new ArgumentException($"expected a vector of {_vectorWeights.Length} numbers", nameof(vector));
        var terms = TermsOf(text, _classes, _words);
        var z = _bias + TensorPrimitives.Dot(_vectorWeights, vector);
        if (terms.Count > 0)
        {
            var value = 1f / MathF.Sqrt(terms.Count);
            foreach (var term in terms) z += _weights.GetValueOrDefault(term) * value;
        }

        return Sigmoid(z);
    }

    /// <summary>Writes the model for <see cref="Read"/>.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_bias);
        writer.Write(_vectorWeights.Length);
        foreach (var x in _vectorWeights) writer.Write(x);
        writer.Write((byte)((_classes ? 1 : 0) | (_words ? 0 : 2)));
        TermWeights.Write(writer, _weights);
    }

    /// <summary>A model written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> when the data does not describe one.</summary>
    public static StanceClassifier Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bias = reader.ReadSingle();
        var dimensions = reader.ReadInt32();
        if (dimensions <= 0 || dimensions > 1 << 16 || !float.IsFinite(bias)) throw new InvalidDataException("not a stance classifier");
        var vector = new float[dimensions];
        for (var j = 0; j < dimensions; j++) vector[j] = reader.ReadSingle();
        var terms = reader.ReadByte();
        if (terms > 3) throw new InvalidDataException("not a stance classifier: bad word-class flag");
        return new StanceClassifier(TermWeights.Read(reader, "stance classifier"), vector, bias, (terms & 1) != 0, (terms & 2) == 0);
    }

    /// <summary>The number of each vector's dimensions the model reads.</summary>
    public int Dimensions => _vectorWeights.Length;

    /// <summary>
    /// The message's words, pairs of adjacent words, and its opening (the first word and the first two, marked "^"), as
    /// the rules read words (<see cref="SafetyText"/>), each once; with <paramref name="classes"/>, also the terms of its
    /// word classes (<see cref="AskerWords.TermsOf"/>), and without <paramref name="words"/> only those and the opening.
    /// </summary>
    internal static List<string> TermsOf(string text, bool classes = false, bool words = true)
    {
        var read = SafetyText.Read(text).Words;
        var terms = new HashSet<string>(StringComparer.Ordinal);
        if (classes) terms.UnionWith(AskerWords.TermsOf(read));
        for (var i = 0; i < read.Count && (words || !classes); i++)
        {
            terms.Add(read[i]);
            if (i + 1 < read.Count) terms.Add($"{read[i]} {read[i + 1]}");
        }

        if (read.Count > 0) terms.Add($"^ {read[0]}");
        if (read.Count > 1) terms.Add($"^ {read[0]} {read[1]}");
        var list = terms.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    private static void Adam(float[] weights, float[] gradient, float[] m1, float[] m2, float rate, float correction1, float correction2)
    {
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var j = 0; j < weights.Length; j++)
        {
            var g = gradient[j];
            m1[j] = (beta1 * m1[j]) + ((1 - beta1) * g);
            m2[j] = (beta2 * m2[j]) + ((1 - beta2) * g * g);
            weights[j] -= rate * (m1[j] / correction1) / (MathF.Sqrt(m2[j] / correction2) + epsilon);
        }
    }
}
