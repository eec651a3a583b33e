namespace BotHost.Knowledge.Semantics;

/// <summary>
/// One local sentence-embedding model: text in, a unit-length vector out, so the dot product of two vectors is their
/// cosine similarity. Loaded once per process and safe to call from many threads. Vectors of member messages are
/// never stored or logged; only knowledge texts go through the on-disk <see cref="VectorCache"/>.
/// </summary>
public interface ISentenceEncoder
{
    /// <summary>The model's name and a hash of its weights and vocabulary: vectors of different models never mix.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Embeds one text as a query (a member's message) or as a document (a knowledge text).</summary>
    float[] Encode(string text, EmbeddingKind kind);

    /// <summary>Embeds many texts of one kind (batched, so knowledge texts load faster); results in input order.</summary>
    IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind);
}
