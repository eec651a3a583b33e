using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The whole answer as the bot gives it, sentence embedding included, on one core: per-call percentiles of <c>Ask</c>
/// (wall clock, and the thread's CPU time, the figure that holds on a busy machine) over the tuned and dev eval
/// questions, first each asked once as a new text (nothing cached: the message is embedded and the question answered)
/// and then each again (answered from the bounded answer and message-vector caches); the managed bytes allocated per
/// answer, gen0 collections and the share of time in GC pauses; the embedding alone; and, with <c>generated</c> &gt; 0,
/// the same on that many generated articles, with the first build (every text embedded, texts per second) and a rebuild
/// from the vector cache timed. Run on one core:
/// <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- answer [generated] [cache-file] [--generated-only] [--cached-only] [--vocabulary DIR]</c>
/// (without taskset for a first build of generated articles: it embeds on every core, the answers are still timed on
/// one). The vector cache defaults to a file in the temp folder named after the article count, so a second run measures
/// a rebuild only; delete it to time a first build again. <c>--cached-only</c> stops the run when the cache lacks a
/// generated article's text (<see cref="CacheOnlyEncoder"/>) instead of starting a first build; <c>--vocabulary</c>:
/// see <see cref="GeneratedKnowledge.Vocabulary"/>.
/// </summary>
internal static partial class AnswerRun
{
    private const int Calls = 4_000;

    /// <param name="shippedFigures">False (<c>--generated-only</c>) to time only the generated articles, after a run that timed the shipped ones.</param>
    /// <param name="args">The command line, for <c>--cached-only</c> and <c>--vocabulary</c>.</param>
    public static void Run(TextWriter output, int generatedArticles, string? cachePath, bool shippedFigures, IReadOnlyList<string> args)
    {
        var path = RepositoryPaths.Knowledge();
        var questions = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer bench: load average {File.ReadAllText("/proc/loadavg").Trim()}; {questions.Length} questions; gc server={System.Runtime.GCSettings.IsServerGC} " +
            $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(runtime default)"}"));

        cachePath ??= Path.Combine(Path.GetTempPath(), $"bothost-bench-vectors-{generatedArticles}.db");
        var encoderOptions = new SentenceEncoderOptions { VectorCachePath = cachePath, Precision = EncoderRun.Precision() };
        using var embedder = KnowledgeEmbedder.Load(encoderOptions, TimeProvider.System);
        var options = new KnowledgeOptions { Path = path, Embedder = embedder };
        var loadStarted = Stopwatch.GetTimestamp();
        using var shipped = KnowledgeBase.Load(options, TimeProvider.System).Knowledge
                            ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shipped load_ms={Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds:0} encoder {embedder.Encoder.ModelId}"));

        // The generated articles' first build comes before the process is pinned to one core: it embeds on every core
        // it was given (batches side by side, as a first load does; start the bench without taskset for that), with a
        // progress line every 30 s. The answers are then timed on one core.
        var snapshot = generatedArticles > 0 ? GeneratedKnowledge.Create(GeneratedKnowledge.Vocabulary(shipped.Snapshot, args), generatedArticles) : null;
        using var cachedOnly = args.Contains("--cached-only")
            ? new KnowledgeEmbedder(new CacheOnlyEncoder(embedder.Encoder), VectorCache.Open(cachePath, TimeProvider.System), TimeProvider.System)
            : null;
        if (cachedOnly is not null) options = new KnowledgeOptions { Path = path, Embedder = cachedOnly };
        if (snapshot is not null) FirstBuild(output, snapshot, options, options.Embedder!, encoderOptions, cachePath);

        EncoderRun.PinToOneCore();
        if (shippedFigures || snapshot is null)
        {
            Encode(output, embedder.Encoder, questions);
            Stages(output, shipped, embedder, questions);
            Ask(output, "shipped", shipped, questions);
        }

        if (snapshot is null) return;

        var rebuildStarted = Stopwatch.GetTimestamp();
        using var rebuilt = KnowledgeBase.Build(snapshot, options, TimeProvider.System);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {generatedArticles:N0} rebuild_ms={Stopwatch.GetElapsedTime(rebuildStarted).TotalMilliseconds:0} (every vector from the cache)"));
        // The shipped run's messages are among the recent vectors kept for repeats: a question mark added makes each a
        // new message again (the key keeps punctuation), so these first answers embed too.
        Ask(output, $"generated {generatedArticles:N0}", rebuilt, [.. questions.Select(q => q + " ?")]);
    }

    /// <summary>
    /// The generated articles built with the vector cache as it is: a first build when it lacks their vectors (texts
    /// embedded per second), a rebuild when a previous run left them there.
    /// </summary>
    private static void FirstBuild(TextWriter output, KnowledgeSnapshot snapshot, KnowledgeOptions options, KnowledgeEmbedder embedder,
        SentenceEncoderOptions encoderOptions, string cachePath)
    {
        var texts = snapshot.Articles.Sum(a => a.Questions.Count + 1 + (2 * a.Sections.Count));
        var cachedBefore = CachedVectors(cachePath);
        var started = Stopwatch.GetTimestamp();
        var shown = started;
        var showing = new KnowledgeOptions
        {
            Path = options.Path,
            Embedder = embedder.WithProgress(progress =>
            {
                if (Stopwatch.GetElapsedTime(shown).TotalSeconds < 30) return;
                shown = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  first build {seconds:0} s: {progress.Done:N0} of {progress.Total:N0} texts so far ({progress.Done / seconds:0} texts/s; load average {File.ReadAllText("/proc/loadavg").Trim()})"));
            }),
        };
        using (KnowledgeBase.Build(snapshot, showing, TimeProvider.System))
        {
            var build = Stopwatch.GetElapsedTime(started);
            var embedded = CachedVectors(cachePath) - cachedBefore;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {snapshot.Articles.Count:N0} build_ms={build.TotalMilliseconds:0} texts={texts} embedded={embedded} texts_per_s={embedded / build.TotalSeconds:0} " +
                $"cpus={Environment.ProcessorCount} load_threads={encoderOptions.LoadThreads} (cache {cachePath}; load average {File.ReadAllText("/proc/loadavg").Trim()})"));
        }
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
        var cpu = new double[samples.Length];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = ThreadCpuMilliseconds();
            encoder.Encode(questions[i % questions.Length], EmbeddingKind.Query);
            cpu[i] = ThreadCpuMilliseconds() - cpuStarted;
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"encode only",-18} {Percentiles(samples, cpu)} (n={samples.Length}) alloc_kb={allocated / 1024.0 / samples.Length:0.0}"));
    }

    /// <summary>
    /// Where a first answer's CPU time goes, stage by stage, each question a new text: the message embedded (the
    /// encoder), the safety check the bot runs before answering (urgency then refusal: rules and the example
    /// detectors, reusing the message's vector), the answer with the vector ready (<see cref="KnowledgeBase.Ask"/>:
    /// search and composition) and the search alone (analysis, Lucene, semantic scores over every embedded text,
    /// fusion, confidence) on another new text; composition (section choice, snippet, sources, hotlines) is the
    /// difference of their means. Figures are the thread's CPU time.
    /// </summary>
    private static void Stages(TextWriter output, KnowledgeBase knowledge, KnowledgeEmbedder embedder, string[] questions)
    {
        var context = new AskContext("US");
        var region = "US";
        WarmUp(knowledge, questions);

        var copies = questions.Select(q => q + " ??").ToArray();
        var others = questions.Select(q => q + " ???").ToArray();
        var names = new[] { "stage embed", "stage safety", "stage answer", "stage search" };
        var cpu = names.Select(_ => new double[copies.Length]).ToArray();
        var allocated = new long[names.Length];
        for (var i = 0; i < copies.Length; i++)
        {
            var text = copies[i];
            Stage(cpu[0], allocated, 0, i, () => _ = embedder.Message(text).Vector[0]);
            Stage(cpu[1], allocated, 1, i, () => knowledge.Safety.MatchUrgent(text));
            Stage(cpu[2], allocated, 2, i, () => knowledge.Ask(text, context));

            // The search alone, on another new text (the same one again would find its data in the CPU's caches).
            var other = others[i];
            _ = embedder.Message(other).Vector[0];
            Stage(cpu[3], allocated, 3, i, () => knowledge.Search(other, region));
        }

        for (var s = 0; s < names.Length; s++)
        {
            var sorted = cpu[s].Order().ToArray();
            var note = s switch
            {
                2 => " (Ask with the vector ready: search + composition)",
                3 => string.Create(CultureInfo.InvariantCulture, $" (composition = answer - search: mean {cpu[2].Average() - cpu[3].Average():0.000})"),
                _ => string.Empty,
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[s],-18} cpu_ms mean={sorted.Average(),6:0.000} p50={P(sorted, 0.50),6:0.000} p90={P(sorted, 0.90),6:0.000} p99={P(sorted, 0.99),6:0.000} (n={copies.Length}) alloc_kb={allocated[s] / 1024.0 / copies.Length:0.0}{note}"));
        }
    }

    /// <summary>
    /// Brings the answer path to the steady state of a server that has answered for a while: every question asked
    /// (with the safety check) as a new text, twice, with a pause after each round so the runtime's tiered compilation
    /// (instrumented, then optimised code, compiled in the background after a 100 ms quiet period) catches up. A few
    /// hundred calls left much of the path in quick-jitted or instrumented code, which counted against the answer.
    /// </summary>
    private static void WarmUp(KnowledgeBase knowledge, string[] questions)
    {
        var context = new AskContext("US");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < questions.Length; i++)
            {
                var warm = string.Create(CultureInfo.InvariantCulture, $"{questions[i]} warm {round}");
                knowledge.Safety.MatchUrgent(warm);
                knowledge.Ask(warm, context);
            }

            Thread.Sleep(TimeSpan.FromSeconds(1));
        }
    }

    private static void Stage(double[] cpu, long[] allocated, int stage, int i, Action action)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var started = ThreadCpuMilliseconds();
        action();
        cpu[i] = ThreadCpuMilliseconds() - started;
        allocated[stage] += GC.GetAllocatedBytesForCurrentThread() - bytes;
    }

    /// <summary>
    /// Each question asked once, as a new text (a first answer: nothing cached, the message embedded), then each again
    /// (a repeat: the answer and the message's vector come from their bounded caches). The warm-up (<see cref="WarmUp"/>) asks other texts.
    /// </summary>
    private static void Ask(TextWriter output, string name, KnowledgeBase knowledge, string[] questions)
    {
        var context = new AskContext("US");
        WarmUp(knowledge, questions);
        Measure(output, $"{name} first", knowledge, questions, context);
        Measure(output, $"{name} repeated", knowledge, questions, context);
    }

    private static void Measure(TextWriter output, string name, KnowledgeBase knowledge, string[] questions, AskContext context)
    {
        var copies = questions.Select(Fresh).ToArray();
        var samples = new double[copies.Length];
        var cpu = new double[copies.Length];
        var gcs = GC.CollectionCount(0);
        var pauses = GC.GetTotalPauseDuration();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < copies.Length; i++)
        {
            var callStarted = Stopwatch.GetTimestamp();
            var cpuStarted = ThreadCpuMilliseconds();
            knowledge.Ask(copies[i], context);
            cpu[i] = ThreadCpuMilliseconds() - cpuStarted;
            samples[i] = Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
        }

        var wall = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gcs = GC.CollectionCount(0) - gcs;
        var paused = GC.GetTotalPauseDuration() - pauses;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {Percentiles(samples, cpu)} (n={copies.Length}, embedding included) alloc_kb={allocated / 1024.0 / copies.Length:0.0} gen0={gcs} gc_pause_share={paused / wall:P1}"));
    }

    /// <summary>A new string with the same text: the message embedding is shared per string instance, so each call embeds.</summary>
    private static string Fresh(string text) => new(text.AsSpan());

    /// <summary>
    /// Wall-clock percentiles, and the same of the calling thread's CPU time (what the call cost its core, without the
    /// time other processes held it: the figure to read on a busy machine). ONNX Runtime runs on the calling thread
    /// with one intra-op thread, so the thread's CPU time includes the embedding.
    /// </summary>
    private static string Percentiles(double[] wall, double[] cpu)
    {
        Array.Sort(wall);
        Array.Sort(cpu);
        return string.Create(CultureInfo.InvariantCulture,
            $"wall_ms p50={P(wall, 0.50),6:0.00} p99={P(wall, 0.99),6:0.00} max={wall[^1],7:0.00} cpu_ms p50={P(cpu, 0.50),6:0.00} p90={P(cpu, 0.90),6:0.00} p99={P(cpu, 0.99),6:0.00} max={cpu[^1],7:0.00}");
    }

    /// <summary>CPU time of the calling thread (Linux clock_gettime CLOCK_THREAD_CPUTIME_ID), in milliseconds; NaN elsewhere.</summary>
    internal static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : double.NaN;
    }

    private const int ThreadCpuClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
