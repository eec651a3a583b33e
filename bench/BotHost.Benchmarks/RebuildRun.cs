using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Search;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// A knowledge rebuild with every vector in the cache, as a reload of an unchanged (or slightly edited) knowledge base
/// does: the shipped knowledge, or that many generated articles, built several times on one core, with the wall-clock
/// time, the thread's and the process's CPU time and the bytes allocated (every thread) of each build, then the Lucene
/// and semantic indexes built on their own. Run after <c>answer N</c> has filled the cache:
/// <c>taskset -c 1 dotnet run -c Release --project bench/BotHost.Benchmarks -- rebuild [generated] [cache-file] [rounds] [--vocabulary DIR]</c>
/// (with <c>dotnet-trace collect</c> around it to see where the time goes). A knowledge text the cache lacks stops the
/// run (<see cref="CacheOnlyEncoder"/>); <c>--vocabulary</c>: see <see cref="GeneratedKnowledge.Vocabulary"/>.
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
            }
        }

        Stages(output, snapshot, embedder);
    }

    /// <summary>
    /// The two largest parts of a build on their own, as <see cref="KnowledgeBase.Build"/> makes them: the Lucene index
    /// (passages and questions) and the semantic index (every vector from the cache); process CPU (the Lucene writer
    /// merges on its own threads) and bytes allocated.
    /// </summary>
    private static void Stages(TextWriter output, KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder)
    {
        var passages = new List<IndexedPassage>();
        var questions = new List<string>();
        foreach (var article in snapshot.Articles)
        {
            var questionText = string.Join('\n', article.Questions);
            var tags = string.Join(' ', article.Tags);
            questions.AddRange(article.Questions);
            foreach (var section in article.Sections) passages.Add(new IndexedPassage(article.Title, questionText, tags, article.Summary, section.Heading, section.Text));
        }

        questions.AddRange(snapshot.OffTopic);
        Stage(output, "stage lucene", () => LuceneSearchIndex.Build(passages, questions, SearchWeights.Tuned).Dispose());
        Stage(output, "stage semantic", () => SemanticIndex.Build(snapshot, embedder, [.. snapshot.OffTopic, .. snapshot.Everyday]));
    }

    private static void Stage(TextWriter output, string name, Action action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        action();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-16} wall_ms={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} process_cpu_ms={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} alloc_mb={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0}"));
    }
}
