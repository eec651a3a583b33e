using System.Numerics.Tensors;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Answers;

/// <summary>
/// Keeps articles written for people worried about their own thoughts (<see cref="Audience.OwnThoughts"/>) from members
/// who read as victims or at risk (issue #13 item 5: a member saying someone is hurting them was sent the prevention
/// article). The knowledge base asks it only when such an article would be quoted and the safety checks read the message
/// as urgent or in distress (the distress safety net); it then decides whether the message is about the asker's own
/// thoughts after all, from texts the knowledge folder already labels: the message is closer (by the sentence encoder)
/// to one of that article's own questions than to any other article's question, urgent example or distress example
/// (knowledge/examples/, members in danger or in distress).
/// It has no threshold to fit. Without the encoder it never decides so: the article is withheld from every message read
/// as urgent, which costs a worried asker whose words trip an urgent rule only the article (they still get urgent help).
/// </summary>
internal sealed class AudienceGuard
{
    private readonly bool[] _ownThoughts;
    private readonly ISentenceEncoder? _encoder;
    private readonly float[] _own;
    private readonly float[] _others;
    private readonly int _dimensions;

    private AudienceGuard(bool[] ownThoughts, ISentenceEncoder? encoder, float[] own, float[] others, int dimensions)
    {
        _ownThoughts = ownThoughts;
        _encoder = encoder;
        _own = own;
        _others = others;
        _dimensions = dimensions;
    }

    /// <summary>True when some article is written for people worried about their own thoughts.</summary>
    public bool Active => _ownThoughts.Any(o => o);

    /// <param name="embedder">The process's encoder and vector cache (the texts are the ones ranking and the safety examples already embed); null without the model.</param>
    public static AudienceGuard Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder? embedder)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ownThoughts = snapshot.Articles.Select(a => a.Audiences.Contains(Audience.OwnThoughts)).ToArray();
        if (embedder is null || !ownThoughts.Any(o => o)) return new AudienceGuard(ownThoughts, null, [], [], 0);

        var own = snapshot.Articles.Where((_, a) => ownThoughts[a]).SelectMany(a => a.Questions).ToList();
        var others = snapshot.Articles.Where((_, a) => !ownThoughts[a]).SelectMany(a => a.Questions)
            .Concat(snapshot.Examples.Urgent.Select(e => e.Text)).Concat(snapshot.Examples.Distress.Select(e => e.Text)).ToList();
        var dimensions = embedder.Encoder.Dimensions;
        return new AudienceGuard(ownThoughts, embedder.Encoder, Matrix(embedder, own, dimensions), Matrix(embedder, others, dimensions), dimensions);
    }

    /// <summary>True when the article at this index is written for people worried about their own thoughts.</summary>
    public bool IsOwnThoughts(int article) => _ownThoughts[article];

    /// <summary>
    /// True when the message reads as being about the asker's own thoughts: nearer an own-thoughts article's question
    /// than every other article question, urgent example and distress example. Always false without the encoder.
    /// </summary>
    public bool AboutOwnThoughts(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_encoder is null || _own.Length == 0) return false;
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        return Nearest(vector, _own) > Nearest(vector, _others);
    }

    private float Nearest(ReadOnlySpan<float> vector, float[] matrix)
    {
        var best = float.NegativeInfinity;
        for (var i = 0; i < matrix.Length; i += _dimensions) best = Math.Max(best, TensorPrimitives.Dot(vector, matrix.AsSpan(i, _dimensions)));
        return best;
    }

    private static float[] Matrix(KnowledgeEmbedder embedder, IReadOnlyList<string> texts, int dimensions)
    {
        var vectors = embedder.EmbedKnowledge(texts, EmbeddingKind.Query);
        var matrix = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++) vectors[i].CopyTo(matrix, i * dimensions);
        return matrix;
    }
}
