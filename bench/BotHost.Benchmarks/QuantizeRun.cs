using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The int8 encoder (<see cref="EncoderPrecision.Quantized"/>) against the shipped float one: the cosine of each
/// knowledge text's int8 vector to its float vector over every text the shipped knowledge embeds (articles' questions,
/// titles and sections, labelled example messages), then one message embedded by each model in turn on one core (CPU
/// time per call). Both models' vectors go through the vector cache (the CLI's, or <c>cache-file</c>), so the first
/// run embeds the knowledge with the int8 model once and the evals that follow with <c>Semantics__Precision=Quantized</c>
/// find it there. Run: <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- quantize [cache-file]</c>.
/// </summary>
internal static class QuantizeRun
{
    private const int Calls = 2_000;

    public static void Run(TextWriter output, string? cachePath)
    {
        EncoderRun.PinToOneCore();
        cachePath ??= SentenceEncoderOptions.DefaultVectorCachePath;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quantize bench: load average {File.ReadAllText("/proc/loadavg").Trim()}; vector cache {cachePath}"));
        var started = Stopwatch.GetTimestamp();
        using var full = ArcticXsEncoder.Load(new SentenceEncoderOptions { VectorCachePath = cachePath });
        var fullLoad = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        using var quantized = ArcticXsEncoder.Load(new SentenceEncoderOptions { VectorCachePath = cachePath, Precision = EncoderPrecision.Quantized });
        var quantizedLoad = Stopwatch.GetElapsedTime(started);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"models: {full.ModelId} load_ms={fullLoad.TotalMilliseconds:0} | {quantized.ModelId} load_ms={quantizedLoad.TotalMilliseconds:0} (with the int8 file made if it was missing)"));
        if (quantized.ModelId == full.ModelId)
        {
            output.WriteLine("this CPU has no VNNI: the quantized setting runs the float model");
            return;
        }

        using var cache = VectorCache.Open(cachePath, TimeProvider.System);
        var pairs = new PairingEncoder(full, quantized, cache);
        using (var embedder = new KnowledgeEmbedder(pairs, cache: null, TimeProvider.System))
        {
            started = Stopwatch.GetTimestamp();
            using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = RepositoryPaths.Knowledge(), Embedder = embedder }, TimeProvider.System).Knowledge
                                  ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shipped knowledge embedded by both models in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (vectors from the cache where it had them)"));
        }

        foreach (var group in pairs.Cosines.GroupBy(c => c.Kind).Append(pairs.Cosines.GroupBy(_ => (EmbeddingKind)(-1)).Single()))
        {
            var values = group.Select(c => c.Cosine).Order().ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cosine int8 vs float, {(group.Key < 0 ? "all" : group.Key.ToString())} texts={values.Length}: min={values[0]:0.0000} p1={P(values, 0.01):0.0000} p50={P(values, 0.5):0.0000} mean={values.Average():0.0000}"));
        }

        Timings(output, full, quantized);
    }

    /// <summary>Each eval question embedded by the float model then the int8 one, alternately: thread CPU ms per call.</summary>
    private static void Timings(TextWriter output, ArcticXsEncoder full, ArcticXsEncoder quantized)
    {
        var path = RepositoryPaths.Knowledge();
        var messages = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        for (var i = 0; i < 100; i++)
        {
            full.Encode(messages[i % messages.Length], EmbeddingKind.Query);
            quantized.Encode(messages[i % messages.Length], EmbeddingKind.Query);
        }

        var fullCpu = new double[Calls];
        var quantizedCpu = new double[Calls];
        var cosines = new double[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var message = messages[i % messages.Length];
            var before = AnswerRun.ThreadCpuMilliseconds();
            var a = full.Encode(message, EmbeddingKind.Query);
            var middle = AnswerRun.ThreadCpuMilliseconds();
            var b = quantized.Encode(message, EmbeddingKind.Query);
            quantizedCpu[i] = AnswerRun.ThreadCpuMilliseconds() - middle;
            fullCpu[i] = middle - before;
            cosines[i] = TensorPrimitives.Dot<float>(a, b);
        }

        Array.Sort(fullCpu);
        Array.Sort(quantizedCpu);
        Array.Sort(cosines);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encode one message, thread CPU ms (n={Calls}, {messages.Length} eval questions, alternating): float p50={P(fullCpu, 0.5):0.00} p99={P(fullCpu, 0.99):0.00} mean={fullCpu.Average():0.00} | " +
            $"int8 p50={P(quantizedCpu, 0.5):0.00} p99={P(quantizedCpu, 0.99):0.00} mean={quantizedCpu.Average():0.00}; query cosine min={cosines[0]:0.0000} mean={cosines.Average():0.0000}"));
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>
    /// Gives a knowledge load the int8 vectors while keeping, for every text it embeds, the cosine to the float vector
    /// (both through the vector cache).
    /// </summary>
    private sealed class PairingEncoder(ArcticXsEncoder full, ArcticXsEncoder quantized, VectorCache cache) : ISentenceEncoder
    {
        public List<(EmbeddingKind Kind, double Cosine)> Cosines { get; } = [];

        public string ModelId => quantized.ModelId;

        public int Dimensions => quantized.Dimensions;

        public float[] Encode(string text, EmbeddingKind kind) => Encode([text], kind)[0];

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
        {
            var floats = cache.GetOrEncode(full, texts, kind, TimeProvider.System);
            var ints = cache.GetOrEncode(quantized, texts, kind, TimeProvider.System);
            lock (Cosines)
            {
                for (var i = 0; i < texts.Count; i++) Cosines.Add((kind, TensorPrimitives.Dot<float>(floats[i], ints[i])));
            }

            return ints;
        }
    }
}
