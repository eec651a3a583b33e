namespace BotHost.Knowledge.Semantics;

/// <summary>
/// How far embedding knowledge texts has gone (<see cref="KnowledgeEmbedder.WithProgress"/>): texts looked up in the
/// vector cache or embedded so far, of the texts asked for so far.
/// </summary>
public readonly record struct EmbeddingProgress(long Done, long Total);
