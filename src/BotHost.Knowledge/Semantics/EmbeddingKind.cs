namespace BotHost.Knowledge.Semantics;

/// <summary>
/// Retrieval models embed the two sides of a search differently: arctic-embed's model card prefixes queries with an
/// instruction and leaves documents as they are.
/// </summary>
public enum EmbeddingKind
{
    /// <summary>What someone asks or says (a member's message, or a labelled example message compared with one).</summary>
    Query,

    /// <summary>A passage that may answer a query (an article's section).</summary>
    Document,
}
