using System.Buffers;
using System.Numerics.Tensors;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The safety examples' vectors (one row of <c>dimensions</c> floats each) and the exact search for the rows nearest a
/// message: the same rows, similarities and order as a float dot product with every row, for less. A first pass over a
/// 16-bit copy of the rows (<see cref="Int16Vectors"/>, half the memory a pass over thousands of examples is bound by)
/// bounds each row's cosine from above and below; only rows whose upper bound reaches the k-th highest lower bound can
/// be among the k nearest, and only those get the float dot product (<see cref="Similarity"/>). One <see cref="Scan"/>
/// of a message serves several searches (the neighbours' vote, then the nearest example of the chosen class).
/// </summary>
internal sealed class NearestExamples
{
    /// <summary>
    /// Added to the 16-bit pass's error bound for the rounding of float arithmetic (a float dot product of 384 unit-length
    /// terms is off by well under 1e-5), so the bounds hold for the cosines as computed, not only as exact numbers.
    /// </summary>
    private const double RoundingSlack = 1e-4;

    private readonly float[] _matrix;
    private readonly int _dimensions;
    private readonly short[] _rows;
    private readonly int _levels;
    private readonly float[] _scales;

    /// <summary>Each row's length and the length of its rounding error (the float vector minus the scaled row), rounded up.</summary>
    private readonly float[] _norms;

    private readonly float[] _errors;

    /// <summary>False when a row is not finite: every search then compares in float with every row.</summary>
    private readonly bool _bounded;

    /// <param name="matrix">The rows, one after the other (kept, not copied).</param>
    public NearestExamples(float[] matrix, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (matrix.Length % dimensions != 0) throw new ArgumentException($"{matrix.Length} numbers are not rows of {dimensions}", nameof(matrix));
        _matrix = matrix;
        _dimensions = dimensions;
        Count = matrix.Length / dimensions;
        _levels = Int16Vectors.Levels(dimensions);
        _rows = new short[matrix.Length];
        _scales = new float[Count];
        _norms = new float[Count];
        _errors = new float[Count];
        _bounded = true;
        for (var r = 0; r < Count; r++)
        {
            var vector = matrix.AsSpan(r * dimensions, dimensions);
            (_scales[r], var error) = Int16Vectors.Quantize(vector, _rows.AsSpan(r * dimensions, dimensions), _levels);
            var norm = Int16Vectors.Norm(vector);
            if (!double.IsFinite(error) || !double.IsFinite(norm)) _bounded = false;
            _errors[r] = MathF.BitIncrement((float)error);
            _norms[r] = MathF.BitIncrement((float)norm);
        }
    }

    /// <summary>How many rows.</summary>
    public int Count { get; }

    /// <summary>The float dot product of the message's vector with one row (the similarity every search orders by).</summary>
    public float Similarity(ReadOnlySpan<float> vector, int row) => TensorPrimitives.Dot(vector, _matrix.AsSpan(row * _dimensions, _dimensions));

    /// <summary>The 16-bit pass for one message: its bounds on every row's similarity, for one or more searches.</summary>
    public Scan Bound(ReadOnlySpan<float> vector) => new(this, vector);

    /// <summary>
    /// The rows nearest a message (the highest similarities; ties: the lower row first) of a float comparison with every
    /// row: the reference <see cref="Scan.Nearest"/> gives the same rows and similarities as.
    /// </summary>
    public int NearestByFullScan(ReadOnlySpan<float> vector, Span<int> best, Span<float> bestSimilarity, ReadOnlySpan<int> labels = default, int label = -1)
    {
        Clear(best, bestSimilarity);
        for (var r = 0; r < Count; r++)
        {
            if (label >= 0 && labels[r] != label) continue;
            Insert(best, bestSimilarity, r, Similarity(vector, r));
        }

        return Filled(best);
    }

    private static void Clear(Span<int> best, Span<float> bestSimilarity)
    {
        if (bestSimilarity.Length != best.Length) throw new ArgumentException($"{bestSimilarity.Length} similarities for {best.Length} rows", nameof(bestSimilarity));
        best.Fill(-1);
        bestSimilarity.Fill(float.NegativeInfinity);
    }

    private static int Filled(ReadOnlySpan<int> best)
    {
        var filled = 0;
        while (filled < best.Length && best[filled] >= 0) filled++;
        return filled;
    }

    /// <summary>
    /// Keeps the row among the best so far (highest first; an equal similarity stays behind the rows before it, and a
    /// similarity that is not a number is never kept).
    /// </summary>
    private static void Insert(Span<int> best, Span<float> bestSimilarity, int row, float similarity)
    {
        if (!(similarity > bestSimilarity[^1])) return;
        var at = best.Length - 1;
        while (at > 0 && bestSimilarity[at - 1] < similarity)
        {
            bestSimilarity[at] = bestSimilarity[at - 1];
            best[at] = best[at - 1];
            at--;
        }

        bestSimilarity[at] = similarity;
        best[at] = row;
    }

    /// <summary>
    /// A message's bounds on its similarity with every row (pooled arrays: dispose it), reading the message's vector
    /// where it lies (so the float dot products are those of the same memory). The similarity as
    /// <see cref="Similarity"/> computes it lies within <c>approximate ± bound</c>, where
    /// <c>|q.v - sq q'.sv v'| &lt;= |q - sq q'| |v| + |sq q'| |v - sv v'|</c> plus <see cref="RoundingSlack"/>.
    /// </summary>
    public readonly ref struct Scan : IDisposable
    {
        private readonly NearestExamples _rows;
        private readonly ReadOnlySpan<float> _vector;
        private readonly double[]? _upper;
        private readonly double[]? _lower;

        internal Scan(NearestExamples rows, ReadOnlySpan<float> vector)
        {
            if (vector.Length != rows._dimensions) throw new ArgumentException($"a vector of {vector.Length} numbers, the rows have {rows._dimensions}", nameof(vector));
            _rows = rows;
            _vector = vector;
            _upper = null;
            _lower = null;
            if (!rows._bounded || rows.Count == 0) return;
            var dimensions = rows._dimensions;
            var quantized = ArrayPool<short>.Shared.Rent(dimensions);
            try
            {
                var q = quantized.AsSpan(0, dimensions);
                var (queryScale, queryError) = Int16Vectors.Quantize(vector, q, rows._levels);
                var queryNorm = queryScale * Int16Vectors.Norm(q);
                if (!double.IsFinite(queryError) || !double.IsFinite(queryNorm) || !float.IsFinite(queryScale)) return;
                _upper = ArrayPool<double>.Shared.Rent(rows.Count);
                _lower = ArrayPool<double>.Shared.Rent(rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    var approximate = (double)Int16Vectors.Dot(q, rows._rows.AsSpan(r * dimensions, dimensions)) * queryScale * rows._scales[r];
                    var bound = (queryError * rows._norms[r]) + (queryNorm * rows._errors[r]) + RoundingSlack;
                    _upper[r] = approximate + bound;
                    _lower[r] = approximate - bound;
                }
            }
            finally
            {
                ArrayPool<short>.Shared.Return(quantized);
            }
        }

        /// <summary>
        /// Fills <paramref name="best"/> with the rows nearest the message, highest similarity first (ties: the lower row
        /// first), and <paramref name="bestSimilarity"/> with their float similarities; with a <paramref name="label"/> of
        /// 0 or more, only rows of that label in <paramref name="labels"/>. Places left over hold -1 and -infinity.
        /// Returns how many were filled. The same as <see cref="NearestByFullScan"/>.
        /// </summary>
        public int Nearest(Span<int> best, Span<float> bestSimilarity, ReadOnlySpan<int> labels = default, int label = -1)
        {
            if (_upper is null || _lower is null) return _rows.NearestByFullScan(_vector, best, bestSimilarity, labels, label);
            Clear(best, bestSimilarity);
            var count = best.Length;
            if (count == 0) return 0;

            // The count-th highest lower bound among the rows searched (a min-heap of the highest seen): every row of
            // the heap has a similarity at least that, so a row whose upper bound is below it cannot be among the nearest.
            Span<double> highest = count <= 64 ? stackalloc double[count] : new double[count];
            var kept = 0;
            for (var r = 0; r < _rows.Count; r++)
            {
                if (label >= 0 && labels[r] != label) continue;
                var lower = _lower[r];
                if (kept < count)
                {
                    highest[kept++] = lower;
                    if (kept == count) MinHeap.Heapify(highest);
                }
                else if (lower > highest[0])
                {
                    highest[0] = lower;
                    MinHeap.SiftDown(highest, 0);
                }
            }

            var threshold = kept < count ? double.NegativeInfinity : highest[0];
            for (var r = 0; r < _rows.Count; r++)
            {
                if (_upper[r] < threshold || (label >= 0 && labels[r] != label)) continue;
                Insert(best, bestSimilarity, r, _rows.Similarity(_vector, r));
            }

            return Filled(best);
        }

        public void Dispose()
        {
            if (_upper is not null) ArrayPool<double>.Shared.Return(_upper);
            if (_lower is not null) ArrayPool<double>.Shared.Return(_lower);
        }
    }
}
