using BotHost.Knowledge.Semantics;

namespace BotHost.Testing.Semantics;

/// <summary>
/// The real sentence encoder, loaded once per test process and shared by every test (loading it costs about a second
/// and 90 MB), with the knowledge-text vector cache in the user's cache folder as the bot itself uses it.
/// </summary>
public static class SharedEncoder
{
    private static readonly Lazy<KnowledgeEmbedder> Shared = new(() => KnowledgeEmbedder.Load(new SentenceEncoderOptions(), TimeProvider.System));

    /// <summary>The encoder and vector cache (never disposed: they live as long as the test process).</summary>
    public static KnowledgeEmbedder Embedder => Shared.Value;

    public static ISentenceEncoder Encoder => Shared.Value.Encoder;
}
