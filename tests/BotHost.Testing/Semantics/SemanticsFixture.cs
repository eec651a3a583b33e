using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;

namespace BotHost.Testing.Semantics;

/// <summary>
/// What tests of the embedding model share, through an xunit collection fixture: the one loaded encoder (with its vector
/// cache) and the shipped knowledge base embedded with it, built on first use and kept for the whole test run.
/// </summary>
public sealed class SemanticsFixture : IDisposable
{
    private readonly KnowledgeEmbedder _embedder = SharedEncoder.Embedder;
    private readonly Lazy<KnowledgeBase> _shipped;

    public SemanticsFixture() => _shipped = new(() =>
    {
        var options = new KnowledgeOptions { Path = RepositoryPaths.Knowledge, Embedder = _embedder };
        var result = KnowledgeBase.Load(options, new FakeTimeProvider(TestClock.Start));
        return result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Errors));
    });

    public KnowledgeEmbedder Embedder => _embedder;

    public ISentenceEncoder Encoder => _embedder.Encoder;

    /// <summary>The shipped knowledge folder, loaded once with the encoder (on the project's review date clock).</summary>
    public KnowledgeBase Shipped => _shipped.Value;

    public void Dispose()
    {
        if (_shipped.IsValueCreated) _shipped.Value.Dispose();
    }
}
