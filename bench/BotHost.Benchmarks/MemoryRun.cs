using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// Where the server's memory goes: the process's resident memory (RSS) and the managed heap (live after a full
/// collection, and what the GC has committed) after each step that <c>serve</c> takes at start and under load: the
/// sentence model loaded, the shipped knowledge loaded (vectors from the cache, the safety classifiers trained), then
/// <c>answers</c> first answers (each message embedded), each load and the answers followed by the compacting collection
/// <c>serve</c> runs after a load (KnowledgeHost). What RSS holds beyond the managed heap is native: the runtime, ONNX
/// Runtime's weights (about 175 MB for the 90 MB model) and its arena of activations. Run:
/// <c>DOTNET_GCgen0size=0x4000000 dotnet bench/BotHost.Benchmarks/bin/Release/net10.0/BotHost.Benchmarks.dll memory [answers]</c>.
/// </summary>
internal static class MemoryRun
{
    public static void Run(TextWriter output, int answers)
    {
        var path = RepositoryPaths.Knowledge();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory bench: load average {File.ReadAllText("/proc/loadavg").Trim()}; gc server={System.Runtime.GCSettings.IsServerGC} " +
            $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(runtime default)"}"));
        Step(output, "start");
        using var embedder = KnowledgeEmbedder.Load(new SentenceEncoderOptions(), TimeProvider.System);
        Step(output, "model loaded");
        using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = path, Embedder = embedder }, TimeProvider.System).Knowledge
                              ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
        Step(output, "knowledge loaded");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Step(output, "aggressive collection");
        var questions = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        var context = new AskContext("US");
        for (var i = 0; i < answers; i++)
        {
            knowledge.Ask(questions[i % questions.Length] + " #" + i.ToString(CultureInfo.InvariantCulture), context);
        }

        Step(output, $"{answers:N0} first answers");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Step(output, "aggressive collection");
    }

    private static void Step(TextWriter output, string name)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var allocatedHeap = GC.GetTotalMemory(forceFullCollection: false);
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var after = GC.GetGCMemoryInfo(GCKind.Any);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} rss_mb={Status("VmRSS"):0} peak_rss_mb={Status("VmHWM"):0} heap_mb={allocatedHeap / 1048576.0:0.0} " +
            $"committed_mb={info.TotalCommittedBytes / 1048576.0:0.0} live_after_full_gc_mb={live / 1048576.0:0.0} " +
            $"committed_after_gc_mb={after.TotalCommittedBytes / 1048576.0:0.0} rss_after_gc_mb={Status("VmRSS"):0}"));
    }

    /// <summary>A /proc/self/status field in MB (its value is in kB).</summary>
    private static double Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
    }
}
