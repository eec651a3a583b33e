using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;

namespace BotHost.Benchmarks;

/// <summary>
/// Per-call latency percentiles of <c>Ask</c> (BenchmarkDotNet reports means of iterations, not single calls), and
/// index build time, without the sentence encoder (words only; <see cref="AnswerRun"/> times the whole answer) and
/// without the answer cache (repeats would measure it). Run: <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- latency [articles]</c>.
/// </summary>
internal static class LatencyRun
{
    private const int Calls = 20_000;

    public static void Run(TextWriter output, int generatedArticles)
    {
        var path = RepositoryPaths.Knowledge();
        var loadStarted = Stopwatch.GetTimestamp();
        using var shipped = KnowledgeBase.Load(new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System).Knowledge
                            ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
        var loadTime = Stopwatch.GetElapsedTime(loadStarted);
        var questions = BenchmarkQuestions.Load(path);

        Report(output, "shipped", shipped, loadTime, questions);
        Unseen(output, path, questions);
        if (generatedArticles <= 0) return;

        var snapshot = GeneratedKnowledge.Create(shipped.Snapshot, generatedArticles);
        var buildStarted = Stopwatch.GetTimestamp();
        using var generated = KnowledgeBase.Build(snapshot, new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System);
        Report(output, $"generated {generatedArticles:N0}", generated, Stopwatch.GetElapsedTime(buildStarted), questions);
    }

    private static void Report(TextWriter output, string name, KnowledgeBase knowledge, TimeSpan buildTime, string[] questions)
    {
        var context = new AskContext("US");
        for (var i = 0; i < 2_000; i++) knowledge.Ask(questions[i % questions.Length], context); // warm up the JIT and caches
        var samples = new double[Calls];
        var gcs = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            knowledge.Ask(questions[i % questions.Length], context);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gcs = GC.CollectionCount(0) - gcs;
        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} articles={knowledge.Articles.Count,6} passages={knowledge.Articles.Sum(a => a.Sections.Count),6} " +
            $"build_ms={buildTime.TotalMilliseconds,8:0.0} index_ms={knowledge.BuildTime.TotalMilliseconds,8:0.0} " +
            $"ask_us p50={P(samples, 0.50),7:0.0} p90={P(samples, 0.90),7:0.0} p99={P(samples, 0.99),7:0.0} max={samples[^1],8:0.0} (n={Calls}) " +
            $"alloc_kb={allocated / 1024.0 / Calls:0.0} gen0={gcs}"));
    }

    /// <summary>
    /// Questions asked for the first time (the stemmer keeps the words it has seen, so repeated questions above find
    /// theirs kept). Here a fresh index is warmed
    /// with the other eval set's questions (members' everyday words), then every question of questions.tsv and
    /// blind-questions.tsv is asked once ("unseen"); and a fresh index, warmed only by its own articles' questions as
    /// every build is, answers questions.tsv once ("cold").
    /// </summary>
    private static void Unseen(TextWriter output, string path, string[] questions)
    {
        var context = new AskContext("US");
        var unseen = questions.Concat(BenchmarkQuestions.Load(path, "blind-questions.tsv")).ToArray();
        using (var warmed = KnowledgeBase.Load(new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System).Knowledge!)
        {
            foreach (var question in BenchmarkQuestions.Load(path, "dev-questions.tsv")) warmed.Ask(question, context);
            Once(output, "shipped unseen", warmed, unseen, context);
        }

        using var cold = KnowledgeBase.Load(new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System).Knowledge!;
        Once(output, "shipped cold", cold, questions, context);
    }

    private static void Once(TextWriter output, string name, KnowledgeBase knowledge, string[] questions, AskContext context)
    {
        var samples = new double[questions.Length];
        for (var i = 0; i < questions.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            knowledge.Ask(questions[i], context);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} ask_us p50={P(samples, 0.50),7:0.0} p90={P(samples, 0.90),7:0.0} p99={P(samples, 0.99),7:0.0} max={samples[^1],8:0.0} (n={samples.Length}, each asked once)"));
    }

    private static double P(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
