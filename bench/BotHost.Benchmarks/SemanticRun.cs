using System.Globalization;
using System.Numerics.Tensors;
using BotHost.Knowledge.Search;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The semantic scores alone, on one core: the shipped knowledge's or that many generated articles' semantic index
/// built from the vector cache (a text it lacks stops the run, see <see cref="CacheOnlyEncoder"/>), then for each
/// tuned and dev eval question (embedded beforehand, not timed) the articles nearest by best cosine (the 16-bit pass and
/// the float comparison of the candidates it leaves) and the cosines of the 20 the fusion reads, against one float
/// comparison with every text (what the index did before): thread CPU per question, articles compared in float, bytes
/// allocated.
/// <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- semantic [generated] [cache-file] [--vocabulary DIR]</c>
/// </summary>
internal static class SemanticRun
{
    private const int Nearest = 20;

    public static void Run(TextWriter output, int generatedArticles, string? cachePath, IReadOnlyList<string> args)
    {
        using var bench = CachedKnowledgeBench.Open(generatedArticles, cachePath, args);
        var (path, encoder, snapshot) = (bench.KnowledgePath, bench.Encoder, bench.Snapshot);
        var cpu = AnswerRun.ThreadCpuMilliseconds();
        var index = SemanticIndex.Build(snapshot, bench.Embedder, [.. snapshot.OffTopic, .. snapshot.Everyday]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"semantic bench: {snapshot.Articles.Count:N0} articles, {index.Count:N0} texts, built in {AnswerRun.ThreadCpuMilliseconds() - cpu:0} ms thread CPU; load average {File.ReadAllText("/proc/loadavg").Trim()}"));

        var questions = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        var vectors = questions.Select(q => encoder.Encode(q, EmbeddingKind.Query)).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var vector in vectors.Take(200)) Use(index, vector);
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        var times = new double[vectors.Length];
        var candidates = new double[vectors.Length];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < vectors.Length; i++)
        {
            var started = AnswerRun.ThreadCpuMilliseconds();
            Use(index, vectors[i]);
            times[i] = AnswerRun.ThreadCpuMilliseconds() - started;
            candidates[i] = index.LastCandidates;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"nearest + cosines",-20} {Summary(times)} float-compared articles mean={candidates.Average():0} p99={P(candidates.Order().ToArray(), 0.99):0} alloc_kb={allocated / 1024.0 / vectors.Length:0.0}"));

        var sink = 0.0;
        for (var i = 0; i < vectors.Length; i++)
        {
            var started = AnswerRun.ThreadCpuMilliseconds();
            var texts = index.Vectors;
            for (var t = 0; t < index.Count; t++) sink += TensorPrimitives.Dot(vectors[i], texts.Slice(t * vectors[i].Length, vectors[i].Length));
            times[i] = AnswerRun.ThreadCpuMilliseconds() - started;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"every text in float",-20} {Summary(times)} (the dot products alone; {sink:0})"));
    }

    private static void Use(SemanticIndex index, float[] vector)
    {
        var scores = index.Score(vector);
        foreach (var article in scores.Nearest(_ => true, Nearest)) _ = scores.Of(article);
    }

    private static string Summary(double[] times)
    {
        var sorted = times.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"cpu_ms mean={sorted.Average():0.000} p50={P(sorted, 0.5):0.000} p99={P(sorted, 0.99):0.000}");
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
