using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The whole answer as the bot gives it, sentence embedding included, on one core: per-call percentiles of
/// <c>Ask</c> over the tuned and dev eval questions, each call with a fresh copy of the text (so no step reuses a vector
/// computed for an earlier call), the managed bytes allocated per answer and the gen0 collections; the embedding alone;
/// and, with <c>generated</c> &gt; 0, the same on that many generated articles, with the first build (every text embedded,
/// texts per second) and a rebuild from the vector cache timed. Run on one core:
/// <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- answer [generated] [cache-file]</c>.
/// The vector cache defaults to a file in the temp folder named after the article count, so a second run measures a
/// rebuild only; delete it to time a first build again.
/// </summary>
internal static class AnswerRun
{
    private const int Calls = 4_000;

    public static void Run(TextWriter output, int generatedArticles, string? cachePath)
    {
        EncoderRun.PinToOneCore();
        var path = RepositoryPaths.Knowledge();
        var questions = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer bench: load average {File.ReadAllText("/proc/loadavg").Trim()}; {questions.Length} questions; gc server={System.Runtime.GCSettings.IsServerGC} " +
            $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(runtime default)"}"));

        cachePath ??= Path.Combine(Path.GetTempPath(), $"bothost-bench-vectors-{generatedArticles}.db");
        using var embedder = KnowledgeEmbedder.Load(new SentenceEncoderOptions { VectorCachePath = cachePath }, TimeProvider.System);
        var options = new KnowledgeOptions { Path = path, Embedder = embedder };
        var loadStarted = Stopwatch.GetTimestamp();
        using var shipped = KnowledgeBase.Load(options, TimeProvider.System).Knowledge
                            ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shipped load_ms={Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds:0}"));

        Encode(output, embedder.Encoder, questions);
        Ask(output, "shipped", shipped, questions);
        if (generatedArticles <= 0) return;

        var snapshot = GeneratedKnowledge.Create(shipped.Snapshot, generatedArticles);
        var texts = snapshot.Articles.Sum(a => a.Questions.Count + 1 + (2 * a.Sections.Count));
        var cachedBefore = CachedVectors(cachePath);
        var buildStarted = Stopwatch.GetTimestamp();
        var generated = KnowledgeBase.Build(snapshot, options, TimeProvider.System);
        var build = Stopwatch.GetElapsedTime(buildStarted);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {generatedArticles:N0} build_ms={build.TotalMilliseconds:0} texts={texts} embedded={CachedVectors(cachePath) - cachedBefore} " +
            $"texts_per_s={(CachedVectors(cachePath) - cachedBefore) / build.TotalSeconds:0} (cache {cachePath})"));
        generated.Dispose();

        var rebuildStarted = Stopwatch.GetTimestamp();
        using var rebuilt = KnowledgeBase.Build(snapshot, options, TimeProvider.System);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {generatedArticles:N0} rebuild_ms={Stopwatch.GetElapsedTime(rebuildStarted).TotalMilliseconds:0} (every vector from the cache)"));
        Ask(output, $"generated {generatedArticles:N0}", rebuilt, questions);
    }

    private static long CachedVectors(string cachePath)
    {
        using var cache = VectorCache.Open(cachePath, TimeProvider.System);
        return cache.Count;
    }

    /// <summary>The query embedding alone (the model's share of an answer).</summary>
    private static void Encode(TextWriter output, ISentenceEncoder encoder, string[] questions)
    {
        for (var i = 0; i < 100; i++) encoder.Encode(questions[i % questions.Length], EmbeddingKind.Query);
        var samples = new double[Calls / 2];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            encoder.Encode(questions[i % questions.Length], EmbeddingKind.Query);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"encode only",-18} ms p50={P(samples, 0.50),6:0.00} p90={P(samples, 0.90),6:0.00} p99={P(samples, 0.99),6:0.00} max={samples[^1],7:0.00} " +
            $"(n={samples.Length}) alloc_kb={allocated / 1024.0 / samples.Length:0.0}"));
    }

    private static void Ask(TextWriter output, string name, KnowledgeBase knowledge, string[] questions)
    {
        var context = new AskContext("US");
        for (var i = 0; i < 300; i++) knowledge.Ask(Fresh(questions[i % questions.Length]), context); // JIT and first-run costs
        var copies = Enumerable.Range(0, Calls).Select(i => Fresh(questions[i % questions.Length])).ToArray();
        var samples = new double[Calls];
        var gcs = GC.CollectionCount(0);
        var pauses = GC.GetTotalPauseDuration();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Calls; i++)
        {
            var callStarted = Stopwatch.GetTimestamp();
            knowledge.Ask(copies[i], context);
            samples[i] = Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
        }

        var wall = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gcs = GC.CollectionCount(0) - gcs;
        var paused = GC.GetTotalPauseDuration() - pauses;
        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} ask_ms p50={P(samples, 0.50),6:0.00} p90={P(samples, 0.90),6:0.00} p99={P(samples, 0.99),6:0.00} max={samples[^1],7:0.00} " +
            $"(n={Calls}, embedding included) alloc_kb={allocated / 1024.0 / Calls:0.0} gen0={gcs} gc_pause_share={paused / wall:P1}"));
    }

    /// <summary>A new string with the same text: the message embedding is shared per string instance, so each call embeds.</summary>
    private static string Fresh(string text) => new(text.AsSpan());

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
