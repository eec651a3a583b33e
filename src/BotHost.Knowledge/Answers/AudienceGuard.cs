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
/// to one of that article's own texts (its questions, title and summary, which say whom it is for) than to any text of
/// a member who may be hurt: an urgent or distress example (knowledge/examples/, members in danger or in distress) or a
/// text of an article written for members themselves (audience youth or adults). Articles only for parents, moderators
/// or everyone speak for someone else and are no evidence that the asker is at risk: with them compared, a help-seeker
/// who keeps looking at images of children and wants to stop read nearer a parent's question about their children
/// seeing porn, and was withheld the one article written for them.
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

        var own = snapshot.Articles.Where((_, a) => ownThoughts[a]).SelectMany(Texts).ToList();
        var others = snapshot.Articles.Where((a, i) => !ownThoughts[i] && ForMembers(a)).SelectMany(Texts)
            .Concat(snapshot.Examples.Urgent.Select(e => e.Text)).Concat(snapshot.Examples.Distress.Select(e => e.Text)).ToList();
        var dimensions = embedder.Encoder.Dimensions;
        return new AudienceGuard(ownThoughts, embedder.Encoder, Matrix(embedder, own, dimensions), Matrix(embedder, others, dimensions), dimensions);
    }

    /// <summary>The texts an article is compared by: its questions, title and summary.</summary>
    private static IEnumerable<string> Texts(Article article) => [.. article.Questions, article.Title, article.Summary];

    /// <summary>Whether an article is written for members about themselves (youth or adults), who may be the ones hurt.</summary>
    private static bool ForMembers(Article article) => article.Audiences.Contains(Audience.Youth) || article.Audiences.Contains(Audience.Adults);

    /// <summary>True when the article at this index is written for people worried about their own thoughts.</summary>
    public bool IsOwnThoughts(int article) => _ownThoughts[article];

    /// <summary>
    /// True when the message reads as being about the asker's own thoughts: nearer an own-thoughts article's
    /// text than to every urgent or distress example and every text of another article for youth or adults. Always false
    /// without the encoder.
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
