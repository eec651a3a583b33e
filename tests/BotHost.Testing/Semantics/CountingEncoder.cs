using BotHost.Knowledge.Semantics;

namespace BotHost.Testing.Semantics;

/// <summary>Passes every call to a real encoder and counts the texts it embedded, to check what is embedded once.</summary>
public sealed class CountingEncoder(ISentenceEncoder inner, string? modelId = null) : ISentenceEncoder
{
    private int _texts;

    /// <summary>Texts embedded so far (a batch counts each of its texts).</summary>
    public int Texts => Volatile.Read(ref _texts);

    public string ModelId { get; } = modelId ?? inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public float[] Encode(string text, EmbeddingKind kind)
    {
        Interlocked.Increment(ref _texts);
        return inner.Encode(text, kind);
    }

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Interlocked.Add(ref _texts, texts.Count);
        return inner.Encode(texts, kind);
    }
}
