using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// What the safety check costs (issue #13's budget: p99 ≤ 15 ms per message on one core including the embedding, model
/// load ≤ 3 s, process RSS with the model ≤ 350 MB), on one core:
/// <list type="bullet">
/// <item>the encoder's load, and the shipped knowledge base's load as the bot does it (the vector cache and the
/// trained-model cache in the user's cache folder: warm after any earlier run), wall clock and the thread's CPU time;</item>
/// <item>the check per message as the bot runs it (urgency, then refusal, the message embedded once and shared): each
/// message of the non-blind eval sets a new text, so every call embeds (wall clock and thread CPU percentiles);</item>
/// <item>the process's resident memory with the model and knowledge loaded (after a full collection) and its peak;</item>
/// <item>last (so its memory does not count above), the detectors' training alone, cold (an empty trained-model cache in
/// the temp folder: trained and written) and warm (read back).</item>
/// </list>
/// Run: <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- safety</c>.
/// </summary>
internal static class SafetyRun
{
    /// <summary>The eval sets whose messages are timed (never the blind ones).</summary>
    private static readonly string[] Sets = ["urgent.tsv", "dev-urgent.tsv", "dev-refusal.tsv", "questions.tsv", "dev-questions.tsv"];

    public static void Run(TextWriter output)
    {
        EncoderRun.PinToOneCore();
        var path = RepositoryPaths.Knowledge();
        var messages = Messages(path);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"safety bench: load average {File.ReadAllText("/proc/loadavg").Trim()}; {messages.Length} messages ({string.Join(", ", Sets)}); " +
            $"cpus={Environment.ProcessorCount} (pinned to one)"));
        var rssStart = Rss();

        var (embedder, encoderWall, encoderCpu) = Timed(() => KnowledgeEmbedder.Load(new SentenceEncoderOptions(), TimeProvider.System));
        using var _ = embedder;
        var rssModel = Rss();
        var options = new KnowledgeOptions { Path = path, Embedder = embedder };
        var (knowledge, loadWall, loadCpu) = Timed(() => KnowledgeBase.Load(options, TimeProvider.System).Knowledge
                                                         ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check"));
        using var __ = knowledge;
        var examples = knowledge.Safety.Examples ?? throw new InvalidOperationException("no example detector (no examples?)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load encoder_ms={encoderWall:0} (cpu {encoderCpu:0}) knowledge_ms={loadWall:0} (cpu {loadCpu:0}; detectors {(examples.FromCache ? "read from the trained-model cache" : "trained")}) " +
            $"total_ms={encoderWall + loadWall:0} (vector cache {embedder.CachePath})"));

        Check(output, knowledge.Safety, messages);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rss_mb start={rssStart:0} with_model={rssModel:0} with_knowledge={Rss():0} peak={PeakRss():0} managed_heap_mb={GC.GetTotalMemory(false) / 1048576.0:0}"));

        Training(output, knowledge, embedder);
    }

    /// <summary>Urgency then refusal, as the bot checks a message; each message a new string, so each call embeds it.</summary>
    private static void Check(TextWriter output, SafetyRules safety, string[] messages)
    {
        for (var i = 0; i < 50; i++) Once(safety, messages[i % messages.Length] + " !"); // JIT and first-run costs
        var wall = new List<double>();
        var cpu = new List<double>();
        var urgent = 0;
        var refused = 0;
        foreach (var suffix in new[] { string.Empty, " ?" })
        {
            foreach (var message in messages)
            {
                var text = string.Concat(message, suffix);
                var started = Stopwatch.GetTimestamp();
                var cpuStarted = AnswerRun.ThreadCpuMilliseconds();
                var (isUrgent, isRefused) = Once(safety, text);
                cpu.Add(AnswerRun.ThreadCpuMilliseconds() - cpuStarted);
                wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                urgent += isUrgent ? 1 : 0;
                refused += isRefused ? 1 : 0;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check per message (urgent + refused, embedding included) {Percentiles(wall, cpu)} (n={wall.Count}; {urgent} urgent, {refused} refused)"));
    }

    private static (bool Urgent, bool Refused) Once(SafetyRules safety, string message) => (safety.MatchUrgent(message) is not null, safety.IsRefused(message));

    /// <summary>The detectors' training alone: cold into an empty trained-model cache, then warm from it.</summary>
    private static void Training(TextWriter output, KnowledgeBase knowledge, KnowledgeEmbedder embedder)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bothost-bench-trained-{Environment.ProcessId}");
        try
        {
            var cache = new TrainedModelCache(folder, TimeProvider.System);
            var snapshot = knowledge.Snapshot;
            SemanticSafety Build() => SemanticSafety.Build(snapshot.Examples, snapshot.OffTopic, snapshot.Articles, embedder, cache);
            var (cold, coldWall, coldCpu) = Timed(Build);
            var (warm, warmWall, warmCpu) = Timed(Build);
            var (none, noneWall, noneCpu) = Timed(() => SemanticSafety.Build(snapshot.Examples, snapshot.OffTopic, snapshot.Articles, embedder, null));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detectors cold_ms={coldWall:0} (cpu {coldCpu:0}; from cache {cold.FromCache}) warm_ms={warmWall:0} (cpu {warmCpu:0}; from cache {warm.FromCache}) " +
                $"no_cache_ms={noneWall:0} (cpu {noneCpu:0}; from cache {none.FromCache}) file_kb={Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length) / 1024.0:0}"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] Messages(string knowledge)
    {
        var messages = new List<string>();
        foreach (var set in Sets)
        {
            var file = Path.Combine(knowledge, "eval", set);
            var text = File.ReadAllText(file);
            IEnumerable<string> read = set switch
            {
                "urgent.tsv" or "dev-urgent.tsv" => UrgentEvaluator.Read(file, text).Cases.Select(c => c.Message),
                "dev-refusal.tsv" => RefusalEvaluator.Read(file, text).Cases.Select(c => c.Message),
                _ => EvalSetReader.Read(file, text).Cases.Select(c => c.Question),
            };
            messages.AddRange(read);
        }

        return [.. messages.Distinct(StringComparer.Ordinal)];
    }

    private static (T Result, double WallMs, double CpuMs) Timed<T>(Func<T> run)
    {
        var started = Stopwatch.GetTimestamp();
        var cpuStarted = AnswerRun.ThreadCpuMilliseconds();
        var result = run();
        return (result, Stopwatch.GetElapsedTime(started).TotalMilliseconds, AnswerRun.ThreadCpuMilliseconds() - cpuStarted);
    }

    private static string Percentiles(List<double> wall, List<double> cpu)
    {
        double[] w = [.. wall.Order()], c = [.. cpu.Order()];
        return string.Create(CultureInfo.InvariantCulture,
            $"wall_ms p50={P(w, 0.50):0.00} p90={P(w, 0.90):0.00} p99={P(w, 0.99):0.00} max={w[^1]:0.00} cpu_ms p50={P(c, 0.50):0.00} p90={P(c, 0.90):0.00} p99={P(c, 0.99):0.00} max={c[^1]:0.00}");
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static double Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1048576.0;
    }

    private static double PeakRss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }
}
