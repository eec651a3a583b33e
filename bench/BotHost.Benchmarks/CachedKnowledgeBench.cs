using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The set-up the rebuild and semantic benches share: the process pinned to one core, the encoder at the bot's precision,
/// an embedder that reads knowledge texts from the vector cache only (<see cref="CacheOnlyEncoder"/>: a text the cache
/// lacks stops the run), the shipped knowledge and, with <c>generated</c> &gt; 0, that many generated articles (words
/// from <c>--vocabulary DIR</c> or the shipped articles, <see cref="GeneratedKnowledge.Vocabulary"/>). With
/// <c>--hashed-vectors</c> the knowledge texts' vectors are drawn from their hashes instead (<see cref="HashedVectorEncoder"/>,
/// in a cache file of their own, filled by the first build of the run): for profiling a rebuild without a first build
/// through the model.
/// </summary>
internal sealed class CachedKnowledgeBench : IDisposable
{
    private CachedKnowledgeBench(string knowledgePath, string cachePath, ArcticXsEncoder encoder, KnowledgeEmbedder embedder, KnowledgeSnapshot snapshot)
    {
        KnowledgePath = knowledgePath;
        CachePath = cachePath;
        Encoder = encoder;
        Embedder = embedder;
        Snapshot = snapshot;
    }

    /// <summary>The repository's knowledge folder (the shipped articles, the eval questions).</summary>
    public string KnowledgePath { get; }

    public string CachePath { get; }

    /// <summary>The encoder itself, for members' messages (not timed by the benches).</summary>
    public ArcticXsEncoder Encoder { get; }

    /// <summary>The knowledge texts' vectors from the cache only.</summary>
    public KnowledgeEmbedder Embedder { get; }

    /// <summary>The generated articles, or the shipped knowledge when none were asked for.</summary>
    public KnowledgeSnapshot Snapshot { get; }

    /// <param name="cachePath">The vector cache; null for the temp-folder file <c>answer N</c> fills by default.</param>
    /// <param name="args">The command line, for <c>--vocabulary</c>.</param>
    public static CachedKnowledgeBench Open(int generatedArticles, string? cachePath, IReadOnlyList<string> args)
    {
        EncoderRun.PinToOneCore();
        var path = RepositoryPaths.Knowledge();
        var hashed = args.Contains("--hashed-vectors");
        cachePath ??= Path.Combine(Path.GetTempPath(), $"bothost-bench-vectors-{generatedArticles}{(hashed ? "-hashed" : "")}.db");
        var encoder = ArcticXsEncoder.Load(new SentenceEncoderOptions { Precision = EncoderRun.Precision() });
        try
        {
            ISentenceEncoder knowledgeEncoder = hashed ? new HashedVectorEncoder(encoder) : new CacheOnlyEncoder(encoder);
            var embedder = new KnowledgeEmbedder(knowledgeEncoder, VectorCache.Open(cachePath, TimeProvider.System), TimeProvider.System);
            var (shipped, _) = KnowledgeLoader.Load(path, DateOnly.FromDateTime(DateTime.UtcNow));
            if (shipped is null)
            {
                embedder.Dispose();
                throw new InvalidOperationException("the shipped knowledge base has errors; run bothost kb check");
            }

            var snapshot = generatedArticles > 0 ? GeneratedKnowledge.Create(GeneratedKnowledge.Vocabulary(shipped, args), generatedArticles) : shipped;
            return new CachedKnowledgeBench(path, cachePath, encoder, embedder, snapshot);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Embedder.Dispose();
        Encoder.Dispose();
    }
}
