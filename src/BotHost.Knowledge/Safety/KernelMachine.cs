using System.Buffers;
using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// A two-class support vector machine with a Gaussian (RBF) kernel over unit-length sentence vectors, plus (when
/// <see cref="Settings.TextWeight"/> is above 0) a linear kernel over the messages' word features (<see cref="TextFeatures"/>:
/// the sum of two kernels is a kernel), trained by
/// sequential minimal optimisation (the working-set selection of Fan, Chen and Lin, "Working Set Selection Using Second
/// Order Information for Training Support Vector Machines", JMLR 6, 2005, as in LIBSVM). A linear model over the
/// embedding draws one flat boundary between, say, an offender's request and a parent's question on the same topic; the
/// kernel lets the boundary bend around each group of wordings, which is what separated them in cross-validation on
/// the example files. A few thousand rows train in a fraction of a second, deterministically (no random start, a fixed
/// order of updates). Kept here rather than taken from ML.NET for the same reason as <see cref="SoftmaxRegression"/>.
/// </summary>
internal sealed class KernelMachine
{
    private readonly float[] _support;
    private readonly SparseVector[] _supportText;
    private readonly float _textWeight;
    private readonly float[] _coefficients;
    private readonly int _dimensions;
    private readonly float _gamma;
    private readonly double _rho;
    private readonly SupportPostings _postings;

    private KernelMachine(float[] support, SparseVector[] supportText, float textWeight, float[] coefficients, int dimensions, float gamma, double rho)
    {
        _support = support;
        _supportText = supportText;
        _textWeight = textWeight;
        _coefficients = coefficients;
        _dimensions = dimensions;
        _gamma = gamma;
        _rho = rho;
        _postings = SupportPostings.Of(supportText);
    }

    /// <summary>Training rows the decision rests on (those with a non-zero dual coefficient).</summary>
    public int SupportVectors => _coefficients.Length;

    /// <summary>The number of each vector's dimensions the machine reads.</summary>
    public int Dimensions => _dimensions;

    /// <summary>
    /// Settings of the trainings (<see cref="Fit"/>). <paramref name="Gamma"/>: the kernel is exp(-gamma |x - y|²) = exp(-2 gamma (1 - x·y))
    /// for unit vectors, so with 1 a row at cosine 0.9 weighs exp(-0.2) = 0.82 and one at 0.5 weighs 0.37; with 4, 0.45 and 0.02.
    /// <paramref name="Cost"/>: the penalty of a training row on the wrong side of the margin (times its weight).
    /// <paramref name="TextWeight"/>: the weight of the word features' cosine added to the kernel (0: sentence vectors only).
    /// </summary>
    public sealed record Settings(float Gamma = 1f, float Cost = 1f, float TextWeight = 0f, double Tolerance = 1e-3, int MaxIterations = 200_000);

    /// <summary>Cosines of every pair of rows, computed once and shared by the trainings of a cross-validation.</summary>
    public sealed class Gram
    {
        private readonly float[] _dots;
        private float[]? _textDots;

        /// <param name="texts">Per row: its word features (needed for a <see cref="Settings.TextWeight"/> above 0).</param>
        public Gram(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts = null)
        {
            ArgumentNullException.ThrowIfNull(vectors);
            if (texts is not null && texts.Count != vectors.Count) throw new ArgumentException("one text per vector", nameof(texts));
            Vectors = vectors;
            Texts = texts;
            var n = vectors.Count;
            _dots = new float[n * n];
            for (var i = 0; i < n; i++)
            {
                _dots[(i * n) + i] = TensorPrimitives.Dot(vectors[i], vectors[i]);
                for (var j = i + 1; j < n; j++)
                {
                    var dot = TensorPrimitives.Dot(vectors[i], vectors[j]);
                    _dots[(i * n) + j] = dot;
                    _dots[(j * n) + i] = dot;
                }
            }
        }

        private Gram(Gram vectors, IReadOnlyList<SparseVector> texts)
        {
            Vectors = vectors.Vectors;
            Texts = texts;
            _dots = vectors._dots;
        }

        /// <summary>The same rows with other word features (<paramref name="texts"/>, one per row), sharing this matrix's cosines of the vectors.</summary>
        public Gram WithTexts(IReadOnlyList<SparseVector> texts)
        {
            ArgumentNullException.ThrowIfNull(texts);
            if (texts.Count != Vectors.Count) throw new ArgumentException("one text per vector", nameof(texts));
            return new Gram(this, texts);
        }

        public IReadOnlyList<float[]> Vectors { get; }

        public IReadOnlyList<SparseVector>? Texts { get; }

        public float Dot(int i, int j) => _dots[(i * Vectors.Count) + j];

        /// <summary>The cosine of two rows' word features (all pairs computed on first use).</summary>
        public float TextDot(int i, int j) => (_textDots ??= TextDots())[(i * Vectors.Count) + j];

        private float[] TextDots()
        {
            var texts = Texts ?? throw new InvalidOperationException("the Gram matrix has no word features");
            var n = texts.Count;

            // The word features' cosines through an index of which rows hold each feature: only shared features cost.
            var postings = new Dictionary<int, List<(int Row, float Value)>>();
            for (var i = 0; i < n; i++)
            {
                var text = texts[i];
                for (var f = 0; f < text.Ids.Length; f++)
                {
                    if (!postings.TryGetValue(text.Ids[f], out var list)) postings[text.Ids[f]] = list = [];
                    list.Add((i, text.Values[f]));
                }
            }

            var dots = new float[n * n];
            foreach (var list in postings.Values)
            {
                foreach (var (a, valueA) in list)
                {
                    var row = a * n;
                    foreach (var (b, valueB) in list) dots[row + b] += valueA * valueB;
                }
            }

            return dots;
        }
    }

    /// <summary>Fits the machine to some rows of <paramref name="gram"/> (the trainings of a cross-validation share it).</summary>
    /// <param name="rows">The rows to train on (indices into the Gram matrix).</param>
    /// <param name="positive">Per row of the Gram matrix: true for the class the decision value is positive for.</param>
    /// <param name="weights">Per row of the Gram matrix: how much its mistakes cost (relative to <see cref="Settings.Cost"/>).</param>
    public static KernelMachine Train(Gram gram, IReadOnlyList<int> rows, IReadOnlyList<bool> positive, IReadOnlyList<float> weights, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(settings);
        var texts = settings.TextWeight > 0 ? gram.Texts ?? throw new ArgumentException("the Gram matrix has no word features", nameof(gram)) : null;
        return Fit(gram.Vectors, texts, rows, positive, weights, settings, gram.Dot, texts is null ? null : gram.TextDot, null);
    }

    /// <summary>
    /// Fits the machine to some rows of <paramref name="vectors"/> without a Gram matrix of all rows: only the chosen
    /// rows' kernel is built, once, and dropped when training ends (a knowledge load trains once).
    /// </summary>
    /// <param name="texts">Per row: its word features (needed for a <see cref="Settings.TextWeight"/> above 0).</param>
    /// <param name="store">Kernels of earlier trainings to take this one's from when its rows are among theirs (and to keep this one's in).</param>
    /// <param name="blocks">When <paramref name="texts"/> are another list's word features each followed by a further block
    /// (<see cref="TextBlocks"/>): a kept kernel over the other list gives this one as its entries plus the further block's cosines.</param>
    public static KernelMachine Train(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts, IReadOnlyList<int> rows, IReadOnlyList<bool> positive,
        IReadOnlyList<float> weights, Settings settings, KernelStore? store = null, TextBlocks? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TextWeight > 0 && texts is null) throw new ArgumentException("word features are needed for a text weight above 0", nameof(texts));
        var used = settings.TextWeight > 0 ? texts : null;
        return Fit(vectors, used, rows, positive, weights, settings, null, null, store, used is null ? null : blocks);
    }

    /// <summary>
    /// Word features made of two blocks, row by row: <paramref name="Base"/>'s (another machine's, whose kernel a
    /// <see cref="KernelStore"/> may keep) followed by <paramref name="Extra"/>'s, its ids after theirs. The word part of the
    /// kernel is the sum of the two blocks' cosines, so a machine over both with the settings of a kept machine over the
    /// first reads the kept kernel's entries and adds the second block's cosines times the word weight.
    /// </summary>
    public sealed record TextBlocks(IReadOnlyList<SparseVector> Base, IReadOnlyList<SparseVector> Extra);

    private static KernelMachine Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts, IReadOnlyList<int> rows, IReadOnlyList<bool> positive,
        IReadOnlyList<float> weights, Settings settings, Func<int, int, float>? dot, Func<int, int, float>? textDot, KernelStore? store, TextBlocks? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(weights);
        var n = rows.Count;
        if (n == 0) throw new ArgumentException("at least one row", nameof(rows));
        var y = new sbyte[n];
        var cost = new double[n];
        for (var t = 0; t < n; t++)
        {
            y[t] = positive[rows[t]] ? (sbyte)1 : (sbyte)-1;
            cost[t] = settings.Cost * weights[rows[t]];
        }

        var (kernel, stride, map) = dot is not null ? (Kernel(rows, settings, dot, texts is null ? null : textDot), n, null)
            : store is not null && blocks is not null && store.ExtendedKernelOf(vectors, blocks, rows, settings) is { } extended ? extended
            : store is not null ? store.KernelOf(vectors, texts, rows, settings)
            : (Kernel(vectors, texts, rows, settings), n, (int[]?)null);
        var (alpha, rho) = map is null ? Solve(kernel, stride, new Identity(), n, y, cost, settings) : Solve(kernel, stride, new Mapped(map), n, y, cost, settings);

        var dimensions = vectors[0].Length;
        var kept = Enumerable.Range(0, n).Where(t => alpha[t] > 0).ToList();
        var support = new float[kept.Count * dimensions];
        var coefficients = new float[kept.Count];
        for (var s = 0; s < kept.Count; s++)
        {
            vectors[rows[kept[s]]].CopyTo(support, s * dimensions);
            coefficients[s] = (float)(alpha[kept[s]] * y[kept[s]]);
        }

        SparseVector[] supportText = texts is null ? [] : [.. kept.Select(t => texts[rows[t]])];
        return new KernelMachine(support, supportText, texts is null ? 0 : settings.TextWeight, coefficients, dimensions, settings.Gamma, rho);
    }

    /// <summary>
    /// The kernel of the chosen rows from a Gram matrix's lookups (a cross-validation's trainings share them), whole: it is
    /// symmetric, so each pair is looked up once.
    /// </summary>
    private static float[] Kernel(IReadOnlyList<int> rows, Settings settings, Func<int, int, float> dot, Func<int, int, float>? textDot)
    {
        var n = rows.Count;
        var kernel = new float[n * n];
        for (var a = 0; a < n; a++)
        {
            kernel[(a * n) + a] = dot(rows[a], rows[a]);
            for (var b = a + 1; b < n; b++)
            {
                var value = dot(rows[a], rows[b]);
                kernel[(a * n) + b] = value;
                kernel[(b * n) + a] = value;
            }
        }

        // exp(-gamma |x - y|²) = exp(2 gamma (x·y - 1)) for unit vectors.
        TensorPrimitives.Add(kernel, -1f, kernel);
        TensorPrimitives.Multiply(kernel, 2 * settings.Gamma, kernel);
        TensorPrimitives.Exp(kernel, kernel);
        if (textDot is not null)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++) kernel[(a * n) + b] += settings.TextWeight * textDot(rows[a], rows[b]);
            }
        }

        return kernel;
    }

    /// <summary>
    /// The kernels of a knowledge load's trainings, kept for its later trainings on some of the same rows with the same
    /// settings (the folds of <see cref="RefusalModel.OutOfFoldScores"/> train on four fifths of the rows of a machine already
    /// trained on all of them): such a training reads its rows' entries of the kept kernel in place instead of computing
    /// them again. The entries are the same numbers either way, so the machines are the same. Kept only while the
    /// owner holds the store (a kernel of ten thousand rows is 400 MB): drop it when those trainings are done.
    /// </summary>
    public sealed class KernelStore
    {
        private readonly List<(Settings Settings, IReadOnlyList<float[]> Vectors, IReadOnlyList<SparseVector>? Texts, Dictionary<int, int> Positions, float[] Kernel)> _kept = [];

        /// <summary>Kernels kept now.</summary>
        public int Count => _kept.Count;

        /// <summary>
        /// The kernel of <paramref name="rows"/>: a kept one holding them all (its stride, and where each row sits in it; no
        /// positions when they are its rows in its order), else a new one, which is kept.
        /// </summary>
        internal (float[] Kernel, int Stride, int[]? Map) KernelOf(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts, IReadOnlyList<int> rows, Settings settings)
        {
            foreach (var kept in _kept)
            {
                if (kept.Settings != settings || !ReferenceEquals(kept.Vectors, vectors) || !ReferenceEquals(kept.Texts, texts)) continue;
                var map = new int[rows.Count];
                var found = true;
                var identity = rows.Count == kept.Positions.Count;
                for (var t = 0; t < rows.Count && found; t++)
                {
                    found = kept.Positions.TryGetValue(rows[t], out map[t]);
                    identity &= map[t] == t;
                }

                if (found) return (kept.Kernel, kept.Positions.Count, identity ? null : map);
            }

            var kernel = Kernel(vectors, texts, rows, settings);
            var positions = new Dictionary<int, int>(rows.Count);
            for (var t = 0; t < rows.Count; t++)
            {
                if (!positions.TryAdd(rows[t], t)) return (kernel, rows.Count, null); // a row twice: not kept (positions would be ambiguous)
            }

            _kept.Add((settings, vectors, texts, positions, kernel));
            return (kernel, rows.Count, null);
        }

        /// <summary>
        /// The kernel of <paramref name="rows"/> over two blocks of word features (<see cref="TextBlocks"/>) from a kept kernel of
        /// the same settings over the first block holding them all: its entries for these rows plus the word weight times the
        /// second block's cosines; null when no kept kernel holds them. Not kept itself.
        /// </summary>
        internal (float[] Kernel, int Stride, int[]? Map)? ExtendedKernelOf(IReadOnlyList<float[]> vectors, TextBlocks blocks, IReadOnlyList<int> rows, Settings settings)
        {
            foreach (var kept in _kept)
            {
                if (kept.Settings != settings || !ReferenceEquals(kept.Vectors, vectors) || !ReferenceEquals(kept.Texts, blocks.Base)) continue;
                var positions = new int[rows.Count];
                var found = true;
                for (var t = 0; t < rows.Count && found; t++) found = kept.Positions.TryGetValue(rows[t], out positions[t]);
                if (!found) continue;

                var n = rows.Count;
                var stride = kept.Positions.Count;
                var source = kept.Kernel;
                var postings = Postings(blocks.Extra, rows);
                var kernel = new float[n * n];
                var count = (n + KernelBlock - 1) / KernelBlock;
                Parallel.For(0, count, Cores, block =>
                {
                    var sums = new float[n];
                    for (var a = block * KernelBlock; a < Math.Min((block + 1) * KernelBlock, n); a++)
                    {
                        var from = positions[a] * stride;
                        var row = kernel.AsSpan(a * n, n);
                        for (var b = 0; b < n; b++) row[b] = source[from + positions[b]];
                        AddCosines(blocks.Extra[rows[a]], postings, sums, row, settings.TextWeight);
                    }
                });
                return (kernel, n, null);
            }

            return null;
        }
    }

    /// <summary>Per feature id: the chosen rows holding it (their positions among <paramref name="rows"/>, increasing) and its value in each.</summary>
    private static Dictionary<int, (int[] Rows, float[] Values)> Postings(IReadOnlyList<SparseVector> texts, IReadOnlyList<int> rows)
    {
        var lists = new Dictionary<int, (List<int> Rows, List<float> Values)>();
        for (var t = 0; t < rows.Count; t++)
        {
            var text = texts[rows[t]];
            for (var f = 0; f < text.Ids.Length; f++)
            {
                if (!lists.TryGetValue(text.Ids[f], out var list)) lists[text.Ids[f]] = list = ([], []);
                list.Rows.Add(t);
                list.Values.Add(text.Values[f]);
            }
        }

        return lists.ToDictionary(p => p.Key, p => (p.Value.Rows.ToArray(), p.Value.Values.ToArray()));
    }

    /// <summary>
    /// Adds <paramref name="weight"/> times the cosine of <paramref name="text"/> with every chosen row's features to
    /// <paramref name="row"/>: its features in increasing id order (as <see cref="SparseVector.Dot"/> sums them), summed in
    /// <paramref name="sums"/> (as long as the row, cleared here).
    /// </summary>
    private static void AddCosines(SparseVector text, Dictionary<int, (int[] Rows, float[] Values)> postings, float[] sums, Span<float> row, float weight)
    {
        Array.Clear(sums);
        for (var f = 0; f < text.Ids.Length; f++)
        {
            var value = text.Values[f];
            var (holders, values) = postings[text.Ids[f]];
            for (var h = 0; h < holders.Length; h++) sums[holders[h]] += value * values[h];
        }

        for (var b = 0; b < row.Length; b++) row[b] += weight * sums[b];
    }

    /// <summary>Where the solver's row t sits in the kernel it reads (a struct, so each kind gets its own compiled solver).</summary>
    private interface IRowMap
    {
        int this[int row] { get; }
    }

    /// <summary>The kernel is the training's own: row t is row t.</summary>
    private readonly struct Identity : IRowMap
    {
        public int this[int row] => row;
    }

    /// <summary>The training's rows sit among a kept kernel's rows.</summary>
    private readonly struct Mapped(int[] positions) : IRowMap
    {
        public int this[int row] => positions[row];
    }

    /// <summary>
    /// At most one block per core at a time: a reload trains in the background of a serving process, and an unbounded
    /// loop would take as many pool threads as the pool grows to, which the web server's requests need too.
    /// </summary>
    private static readonly ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Rows of the kernel computed together, so each other row's vector is read once per block from memory.</summary>
    private const int KernelBlock = 16;

    /// <summary>
    /// The kernel of the chosen rows without a Gram matrix (a knowledge load trains once), only while training: the same
    /// numbers as <see cref="Kernel(IReadOnlyList{int}, Settings, Func{int, int, float}, Func{int, int, float}?)"/> gives
    /// for a Gram matrix of these rows (the same dot products, and each pair's word-feature cosine summed in the same order of
    /// feature ids), built faster: the chosen rows' vectors are copied side by side and a block of rows is multiplied with
    /// every row in turn (the vectors of ten thousand rows do not fit a core's cache; a block's do), the word-feature
    /// cosines go through an index of the rows holding each feature (only shared features cost, not every pair), and
    /// the blocks share the machine's cores. Each block writes only its own rows of the kernel.
    /// </summary>
    private static float[] Kernel(IReadOnlyList<float[]> vectors, IReadOnlyList<SparseVector>? texts, IReadOnlyList<int> rows, Settings settings)
    {
        var n = rows.Count;
        var dimensions = vectors[rows[0]].Length;
        var packed = new float[n * dimensions];
        for (var t = 0; t < n; t++)
        {
            if (vectors[rows[t]].Length != dimensions) throw new ArgumentException("every vector needs the same number of dimensions", nameof(vectors));
            vectors[rows[t]].CopyTo(packed, t * dimensions);
        }

        // Per feature id: the chosen rows holding it (in increasing row order) and its value in each.
        var postings = texts is null ? null : Postings(texts, rows);

        var kernel = new float[n * n];
        var blocks = (n + KernelBlock - 1) / KernelBlock;
        Parallel.For(0, blocks, Cores, block =>
        {
            var first = block * KernelBlock;
            var last = Math.Min(first + KernelBlock, n);
            for (var b = 0; b < n; b++)
            {
                var other = packed.AsSpan(b * dimensions, dimensions);
                for (var a = first; a < last; a++) kernel[(a * n) + b] = TensorPrimitives.Dot(packed.AsSpan(a * dimensions, dimensions), other);
            }

            var words = postings is null ? null : new float[n];
            for (var a = first; a < last; a++)
            {
                var row = kernel.AsSpan(a * n, n);

                // exp(-gamma |x - y|²) = exp(2 gamma (x·y - 1)) for unit vectors.
                TensorPrimitives.Add(row, -1f, row);
                TensorPrimitives.Multiply(row, 2 * settings.Gamma, row);
                TensorPrimitives.Exp(row, row);
                if (postings is null || words is null) continue;

                // Row a's word-feature cosine with every row: its features in increasing id order, as SparseVector.Dot sums them.
                AddCosines(texts![rows[a]], postings, words, row, settings.TextWeight);
            }
        });
        return kernel;
    }

    /// <summary>Writes the machine (its support vectors, coefficients, offset and kernel settings) for <see cref="Read"/>.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_dimensions);
        writer.Write(_gamma);
        writer.Write(_textWeight);
        writer.Write(_rho);
        writer.Write(_coefficients.Length);
        foreach (var c in _coefficients) writer.Write(c);
        foreach (var v in _support) writer.Write(v);
        writer.Write(_supportText.Length);
        foreach (var text in _supportText)
        {
            writer.Write(text.Ids.Length);
            foreach (var id in text.Ids) writer.Write(id);
            foreach (var value in text.Values) writer.Write(value);
        }
    }

    /// <summary>A machine written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> when the data does not describe one.</summary>
    public static KernelMachine Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var dimensions = reader.ReadInt32();
        var gamma = reader.ReadSingle();
        var textWeight = reader.ReadSingle();
        var rho = reader.ReadDouble();
        var count = reader.ReadInt32();
        if (dimensions <= 0 || dimensions > 1 << 16 || count < 0 || (long)count * dimensions > 1 << 28 || !float.IsFinite(gamma) || !double.IsFinite(rho))
        {
            throw new InvalidDataException("not a kernel machine");
        }

        var coefficients = new float[count];
        for (var s = 0; s < count; s++) coefficients[s] = reader.ReadSingle();
        var support = new float[count * dimensions];
        for (var v = 0; v < support.Length; v++) support[v] = reader.ReadSingle();
        var texts = reader.ReadInt32();
        if (texts != 0 && texts != count) throw new InvalidDataException("not a kernel machine: word features do not match the support vectors");
        var supportText = new SparseVector[texts];
        for (var s = 0; s < texts; s++)
        {
            var length = reader.ReadInt32();
            if (length < 0 || length > 1 << 20) throw new InvalidDataException("not a kernel machine: bad word features");
            var ids = new int[length];
            var values = new float[length];
            for (var f = 0; f < length; f++) ids[f] = reader.ReadInt32();
            for (var f = 0; f < length; f++) values[f] = reader.ReadSingle();
            supportText[s] = new SparseVector(ids, values);
        }

        return new KernelMachine(support, supportText, textWeight, coefficients, dimensions, gamma, rho);
    }

    /// <summary>Whether <see cref="Decision"/> reads the message's word features.</summary>
    public bool UsesText => _textWeight > 0;

    /// <summary>The signed distance-like decision value: positive on the positive class's side of the boundary.</summary>
    /// <param name="text">The message's word features (ignored unless <see cref="UsesText"/>).</param>
    public double Decision(ReadOnlySpan<float> vector, SparseVector text = default)
    {
        if (vector.Length != _dimensions) throw new ArgumentException($"expected a vector of {_dimensions} numbers", nameof(vector));
        var readsText = _textWeight > 0 && text.Ids is not null;
        float[]? rented = null;
        var textDots = readsText ? (rented = ArrayPool<float>.Shared.Rent(_coefficients.Length)).AsSpan(0, _coefficients.Length) : default;
        try
        {
            if (readsText) _postings.Dots(text, textDots);
            var sum = 0d;
            for (var s = 0; s < _coefficients.Length; s++)
            {
                var dot = TensorPrimitives.Dot(vector, _support.AsSpan(s * _dimensions, _dimensions));
                var kernel = Math.Exp(2 * _gamma * (dot - 1));
                if (readsText) kernel += _textWeight * textDots[s];
                sum += _coefficients[s] * kernel;
            }

            return sum - _rho;
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The support vectors' word features by feature (which support vectors hold each feature, with its value), so a
    /// message's word-feature cosine with every support vector costs only the features they share: for each of the
    /// message's features in increasing order, each holder's sum gains the product. That is the same products added in
    /// the same order as <see cref="SparseVector.Dot"/>'s merge of the two lists, so the sums are the same numbers.
    /// </summary>
    internal sealed class SupportPostings
    {
        private readonly int[] _features;
        private readonly int[] _starts;
        private readonly int[] _holders;
        private readonly float[] _values;

        private SupportPostings(int[] features, int[] starts, int[] holders, float[] values)
        {
            _features = features;
            _starts = starts;
            _holders = holders;
            _values = values;
        }

        public static SupportPostings Of(IReadOnlyList<SparseVector> texts)
        {
            var entries = new List<(int Feature, int Holder, float Value)>();
            for (var s = 0; s < texts.Count; s++)
            {
                var text = texts[s];
                for (var f = 0; f < text.Ids.Length; f++) entries.Add((text.Ids[f], s, text.Values[f]));
            }

            entries.Sort((a, b) => a.Feature != b.Feature ? a.Feature.CompareTo(b.Feature) : a.Holder.CompareTo(b.Holder));
            var features = new List<int>();
            var starts = new List<int>();
            var holders = new int[entries.Count];
            var values = new float[entries.Count];
            for (var e = 0; e < entries.Count; e++)
            {
                if (features.Count == 0 || features[^1] != entries[e].Feature)
                {
                    features.Add(entries[e].Feature);
                    starts.Add(e);
                }

                holders[e] = entries[e].Holder;
                values[e] = entries[e].Value;
            }

            starts.Add(entries.Count);
            return new SupportPostings([.. features], [.. starts], holders, values);
        }

        /// <summary>Writes the cosine of <paramref name="text"/> with each support vector's word features into <paramref name="dots"/>.</summary>
        public void Dots(SparseVector text, Span<float> dots)
        {
            dots.Clear();
            var from = 0;
            for (var a = 0; a < text.Ids.Length; a++)
            {
                var at = Array.BinarySearch(_features, from, _features.Length - from, text.Ids[a]);
                if (at < 0)
                {
                    from = ~at;
                    continue;
                }

                from = at + 1;
                var value = text.Values[a];
                for (var p = _starts[at]; p < _starts[at + 1]; p++) dots[_holders[p]] += value * _values[p];
            }
        }
    }

    /// <summary>The decision value through the logistic function: 0 to 1, 0.5 on the boundary.</summary>
    public double Score(ReadOnlySpan<float> vector, SparseVector text = default) => 1 / (1 + Math.Exp(-Decision(vector, text)));

    /// <summary>
    /// The dual problem: minimise ½ αᵀQα − Σα with Q_ij = y_i y_j K_ij, 0 ≤ α_i ≤ C_i and Σ y_i α_i = 0, two
    /// coordinates at a time (the pair that violates the optimality conditions most, by second-order gain), until the
    /// largest violation is below the tolerance.
    /// </summary>
    /// <param name="kernel">The kernel the rows are read from, <paramref name="stride"/> entries per row; row t of the training is its row <c>map[t]</c>.</param>
    private static (double[] Alpha, double Rho) Solve<TMap>(float[] kernel, int stride, TMap map, int n, sbyte[] y, double[] cost, Settings settings)
        where TMap : struct, IRowMap
    {
        const double tau = 1e-12;
        var alpha = new double[n];
        var gradient = new double[n];
        Array.Fill(gradient, -1d);

        bool Upper(int t) => alpha[t] >= cost[t];
        bool Lower(int t) => alpha[t] <= 0;

        for (var iteration = 0; iteration < settings.MaxIterations; iteration++)
        {
            // i: the most violating index among those that may move up (in the direction of y).
            var gMax = double.NegativeInfinity;
            var i = -1;
            for (var t = 0; t < n; t++)
            {
                if (y[t] == 1 ? !Upper(t) : !Lower(t))
                {
                    var value = -y[t] * gradient[t];
                    if (value >= gMax)
                    {
                        gMax = value;
                        i = t;
                    }
                }
            }

            if (i < 0) break;
            var rowI = map[i] * stride;
            var gMax2 = double.NegativeInfinity;
            var j = -1;
            var bestGain = double.PositiveInfinity;
            for (var t = 0; t < n; t++)
            {
                if (y[t] == 1 ? Lower(t) : Upper(t)) continue;
                var value = y[t] * gradient[t];
                if (value >= gMax2) gMax2 = value;
                var difference = gMax + value;
                if (difference <= 0) continue;
                var at = map[t];
                var quadratic = kernel[rowI + map[i]] + kernel[(at * stride) + at] - (2d * kernel[rowI + at]);
                var gain = -(difference * difference) / (quadratic > 0 ? quadratic : tau);
                if (gain <= bestGain)
                {
                    bestGain = gain;
                    j = t;
                }
            }

            if (gMax + gMax2 < settings.Tolerance || j < 0) break;

            var rowJ = map[j] * stride;
            double oldI = alpha[i], oldJ = alpha[j];
            double ci = cost[i], cj = cost[j];
            var quad = kernel[rowI + map[i]] + kernel[rowJ + map[j]] - (2d * kernel[rowI + map[j]]);
            if (quad <= 0) quad = tau;
            if (y[i] != y[j])
            {
                var delta = (-gradient[i] - gradient[j]) / quad;
                var diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                if (diff > 0)
                {
                    if (alpha[j] < 0) (alpha[j], alpha[i]) = (0, diff);
                }
                else if (alpha[i] < 0)
                {
                    (alpha[i], alpha[j]) = (0, -diff);
                }

                if (diff > ci - cj)
                {
                    if (alpha[i] > ci) (alpha[i], alpha[j]) = (ci, ci - diff);
                }
                else if (alpha[j] > cj)
                {
                    (alpha[j], alpha[i]) = (cj, cj + diff);
                }
            }
            else
            {
                var delta = (gradient[i] - gradient[j]) / quad;
                var sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                if (sum > ci)
                {
                    if (alpha[i] > ci) (alpha[i], alpha[j]) = (ci, sum - ci);
                }
                else if (alpha[j] < 0)
                {
                    (alpha[j], alpha[i]) = (0, sum);
                }

                if (sum > cj)
                {
                    if (alpha[j] > cj) (alpha[j], alpha[i]) = (cj, sum - cj);
                }
                else if (alpha[i] < 0)
                {
                    (alpha[i], alpha[j]) = (0, sum);
                }
            }

            // Q_it = y_i y_t K_it: the gradient moves by both changes.
            var changeI = (alpha[i] - oldI) * y[i];
            var changeJ = (alpha[j] - oldJ) * y[j];
            for (var t = 0; t < n; t++) gradient[t] += y[t] * ((kernel[rowI + map[t]] * changeI) + (kernel[rowJ + map[t]] * changeJ));
        }

        // The offset: the mean over rows strictly inside the box (on the margin), else the middle of the feasible range.
        double upperBound = double.PositiveInfinity, lowerBound = double.NegativeInfinity, freeSum = 0;
        var free = 0;
        for (var t = 0; t < n; t++)
        {
            var value = y[t] * gradient[t];
            if (Upper(t))
            {
                if (y[t] == -1) upperBound = Math.Min(upperBound, value);
                else lowerBound = Math.Max(lowerBound, value);
            }
            else if (Lower(t))
            {
                if (y[t] == 1) upperBound = Math.Min(upperBound, value);
                else lowerBound = Math.Max(lowerBound, value);
            }
            else
            {
                free++;
                freeSum += value;
            }
        }

        var rho = free > 0 ? freeSum / free
            : double.IsFinite(upperBound) && double.IsFinite(lowerBound) ? (upperBound + lowerBound) / 2
            : double.IsFinite(upperBound) ? upperBound : double.IsFinite(lowerBound) ? lowerBound : 0;
        return (alpha, rho);
    }
}
