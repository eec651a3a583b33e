using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The encoder as a knowledge build from a filled vector cache sees it: a knowledge text the cache lacks is an error,
/// not a batch to embed, so a rebuild bench whose generated articles no longer match the cache (their words come from
/// the shipped articles, which change) stops at once instead of starting a first build of hours. Single texts (members'
/// messages) are embedded as usual.
/// </summary>
internal sealed class CacheOnlyEncoder(ISentenceEncoder inner) : ISentenceEncoder
{
    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public float[] Encode(string text, EmbeddingKind kind) => inner.Encode(text, kind);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind) =>
        texts.Count == 0
            ? []
            : throw new InvalidOperationException(
                $"the vector cache lacks {texts.Count} knowledge texts ({kind}); this run only rebuilds from the cache: fill it first with `answer N` " +
                "(a first build) or give the knowledge folder the cache was filled from with --vocabulary");
}
