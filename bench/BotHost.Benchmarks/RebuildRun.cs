using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge;

namespace BotHost.Benchmarks;

/// <summary>
/// A knowledge rebuild with every vector in the cache, as a reload of an unchanged (or slightly edited) knowledge base
/// does: the shipped knowledge, or that many generated articles, built several times on one core, with the wall-clock
/// time, the thread's and the process's CPU time and the bytes allocated (every thread) of each build, and each stage
/// of the build (<see cref="KnowledgeOptions.BuildStage"/>: the thread's CPU time and the bytes allocated from the end
/// of the stage before). Run after <c>answer N</c> has filled the cache:
/// <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- rebuild [generated] [cache-file] [rounds] [--vocabulary DIR] [--hashed-vectors]</c>
/// (with <c>dotnet-trace collect</c> around it to see inside a stage). A knowledge text the cache lacks stops the run
/// (<see cref="CacheOnlyEncoder"/>); <c>--vocabulary</c>: see <see cref="GeneratedKnowledge.Vocabulary"/>;
/// <c>--hashed-vectors</c>: see <see cref="CachedKnowledgeBench"/> (its first round is the first build).
/// </summary>
internal static class RebuildRun
{
    public static void Run(TextWriter output, int generatedArticles, string? cachePath, int rounds, IReadOnlyList<string> args)
    {
        using var bench = CachedKnowledgeBench.Open(generatedArticles, cachePath, args);
        var (snapshot, embedder) = (bench.Snapshot, bench.Embedder);
        var options = new KnowledgeOptions { Path = bench.KnowledgePath, Embedder = embedder };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild bench: {snapshot.Articles.Count:N0} articles ({(generatedArticles > 0 ? "generated" : "shipped")}), encoder {embedder.Encoder.ModelId}, cache {bench.CachePath}; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        for (var round = 0; round < rounds; round++)
        {
            var stages = new List<string>();
            var stageCpu = AnswerRun.ThreadCpuMilliseconds();
            var stageAllocated = GC.GetTotalAllocatedBytes(precise: false);
            options.BuildStage = stage =>
            {
                var (cpuNow, allocatedNow) = (AnswerRun.ThreadCpuMilliseconds(), GC.GetTotalAllocatedBytes(precise: false));
                stages.Add(string.Create(CultureInfo.InvariantCulture, $"{stage} {cpuNow - stageCpu:0} ms {(allocatedNow - stageAllocated) / 1048576.0:0} MB"));
                (stageCpu, stageAllocated) = (cpuNow, allocatedNow);
            };
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = AnswerRun.ThreadCpuMilliseconds();
            var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            using (KnowledgeBase.Build(snapshot, options, TimeProvider.System))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rebuild {round + 1}: wall_ms={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} thread_cpu_ms={AnswerRun.ThreadCpuMilliseconds() - cpu:0} " +
                    $"process_cpu_ms={(Process.GetCurrentProcess().TotalProcessorTime - processCpu).TotalMilliseconds:0} " +
                    $"alloc_mb={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} load average {File.ReadAllText("/proc/loadavg").Trim()}"));
                output.WriteLine($"  stages (thread CPU, allocated): {string.Join(", ", stages)}");
            }
        }
    }
}
