using BenchmarkDotNet.Attributes;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;

namespace BotHost.Benchmarks;

/// <summary>
/// Index build and <c>Ask</c> on the shipped knowledge base and on 10,000 generated articles.
/// Run: <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class KnowledgeBenchmarks
{
    private KnowledgeSnapshot _snapshot = null!;
    private KnowledgeBase _knowledge = null!;
    private string[] _questions = null!;
    private int _next;

    [Params(0, 10_000)]
    public int GeneratedArticles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = RepositoryPaths.Knowledge();
        var shipped = KnowledgeBase.Load(new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System).Knowledge
                      ?? throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
        _snapshot = GeneratedArticles == 0 ? shipped.Snapshot : GeneratedKnowledge.Create(shipped.Snapshot, GeneratedArticles);
        _knowledge = KnowledgeBase.Build(_snapshot, new KnowledgeOptions { Path = path, AnswerCacheSize = 0 }, TimeProvider.System);
        _questions = BenchmarkQuestions.Load(path);
    }

    [GlobalCleanup]
    public void Cleanup() => _knowledge.Dispose();

    /// <summary>One question per call, cycling through the eval set.</summary>
    [Benchmark]
    public Answer Ask() => _knowledge.Ask(_questions[_next++ % _questions.Length], new AskContext("US"));

    [Benchmark]
    public void BuildIndex()
    {
        using var knowledge = KnowledgeBase.Build(_snapshot, new KnowledgeOptions { AnswerCacheSize = 0 }, TimeProvider.System);
    }
}
