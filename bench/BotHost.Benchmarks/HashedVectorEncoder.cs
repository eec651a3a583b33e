using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// A stand-in for the model in the rebuild bench's <c>--hashed-vectors</c> runs: each text's vector is drawn from a
/// hash of it (unit length, the model's dimensions), so the first build of 10,000 generated articles takes seconds rather
/// than an hour and the rebuilds after it read every vector from the cache as a real one would (same cache, same
/// lookups). For profiling where a rebuild's time goes, not for its figures: the safety detectors and the on-topic model
/// then train on noise, which may converge differently. Its model id differs from the model's, so its vectors never mix
/// with real ones.
/// </summary>
internal sealed class HashedVectorEncoder(ISentenceEncoder model) : ISentenceEncoder
{
    public string ModelId { get; } = model.ModelId + "+hashed";

    public int Dimensions => model.Dimensions;

    public float[] Encode(string text, EmbeddingKind kind)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\0{text}"))));
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(random.NextDouble() - 0.5);
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind) => [.. texts.Select(t => Encode(t, kind))];
}
