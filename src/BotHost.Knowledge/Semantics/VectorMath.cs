using System.Numerics.Tensors;

namespace BotHost.Knowledge.Semantics;

/// <summary>Vector arithmetic for unit-length embeddings (SIMD through System.Numerics.Tensors).</summary>
public static class VectorMath
{
    /// <summary>The dot product; for unit-length vectors, their cosine similarity.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} dimensions cannot be compared", nameof(b));
        return TensorPrimitives.Dot(a, b);
    }
}
