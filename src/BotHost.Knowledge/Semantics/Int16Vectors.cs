using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// Vectors rounded to 16-bit integers for a fast first comparison: each vector is divided by its largest component
/// over <see cref="Levels"/> and rounded, so the vector is about <c>scale * row</c>, and the length of what rounding
/// lost is kept so a comparison through the rows can say how far it may be from the float one. Half the memory of the
/// float vectors, which a pass over many of them is bound by.
/// </summary>
internal static class Int16Vectors
{
    /// <summary>
    /// The largest magnitude of a rounded component for rows of <paramref name="dimensions"/>: small enough that the
    /// 32-bit lanes of <see cref="DotAvx2"/> (each the sum of 2 products per 16 components) cannot overflow, at most
    /// 32,767 (6,689 for 384 dimensions: rounding then loses about 1/10,000 of a cosine).
    /// </summary>
    public static int Levels(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        var productsPerLane = 2L * ((dimensions + 15) / 16);
        return (int)Math.Min(short.MaxValue, Math.Floor(Math.Sqrt(int.MaxValue / (double)productsPerLane)));
    }

    /// <summary>
    /// Rounds <paramref name="vector"/> into <paramref name="row"/> (same length) with components of magnitude at most
    /// <paramref name="levels"/>; returns the scale and the length of the error, <c>|vector - scale * row|</c> (in
    /// double). A zero vector has scale 0, a zero row and its own length as error.
    /// </summary>
    public static (float Scale, double Error) Quantize(ReadOnlySpan<float> vector, Span<short> row, int levels)
    {
        if (row.Length != vector.Length) throw new ArgumentException($"a row of {row.Length} for a vector of {vector.Length}", nameof(row));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, short.MaxValue);
        var largest = 0f;
        foreach (var x in vector) largest = Math.Max(largest, Math.Abs(x));
        if (largest == 0 || !float.IsFinite(largest))
        {
            row.Clear();
            return (0, Norm(vector));
        }

        var scale = largest / levels;
        var error = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            row[i] = (short)Math.Clamp(MathF.Round(vector[i] / scale), -levels, levels);
            var lost = vector[i] - ((double)scale * row[i]);
            error += lost * lost;
        }

        return (scale, Math.Sqrt(error));
    }

    /// <summary>The Euclidean length, in double.</summary>
    public static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var x in vector) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>The Euclidean length of a row, in double.</summary>
    public static double Norm(ReadOnlySpan<short> row)
    {
        var sum = 0.0;
        foreach (var x in row) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The exact dot product of two rows of the same length whose components are at most <see cref="Levels"/> of
    /// their length in magnitude (AVX2 when the CPU has it).
    /// </summary>
    public static long Dot(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"rows of {a.Length} and {b.Length}", nameof(b));
        return Avx2.IsSupported ? DotAvx2(a, b) : DotPortable(a, b);
    }

    /// <summary>16 components a step, multiplied and summed in adjacent pairs into eight 32-bit lanes (vpmaddwd).</summary>
    internal static long DotAvx2(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        ref var left = ref MemoryMarshal.GetReference(a);
        ref var right = ref MemoryMarshal.GetReference(b);
        var sum = Vector256<int>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector256<short>.Count; i += Vector256<short>.Count)
        {
            sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref left, (nuint)i), Vector256.LoadUnsafe(ref right, (nuint)i)));
        }

        var (low, high) = Vector256.Widen(sum);
        var total = Vector256.Sum(low + high);
        for (; i < a.Length; i++) total += Unsafe.Add(ref left, i) * Unsafe.Add(ref right, i);
        return total;
    }

    /// <summary>The same on any CPU: 8 components a step, each product widened to 64 bits before it is added.</summary>
    internal static long DotPortable(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        ref var left = ref MemoryMarshal.GetReference(a);
        ref var right = ref MemoryMarshal.GetReference(b);
        var sum = Vector128<long>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector128<short>.Count; i += Vector128<short>.Count)
        {
            var (xLow, xHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref left, (nuint)i));
            var (yLow, yHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref right, (nuint)i));
            var (p0, p1) = Vector128.Widen(xLow * yLow);
            var (p2, p3) = Vector128.Widen(xHigh * yHigh);
            sum += p0 + p1 + p2 + p3;
        }

        var total = Vector128.Sum(sum);
        for (; i < a.Length; i++) total += Unsafe.Add(ref left, i) * Unsafe.Add(ref right, i);
        return total;
    }
}
