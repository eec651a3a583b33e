using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Search;

/// <summary>
/// How much a question reads like one of the articles' questions rather than everyday chat, from its sentence vector
/// alone (issue #14: declining): a two-class <see cref="SoftmaxRegression"/> fitted at load on the articles' questions
/// against the everyday examples (off-topic.yaml and examples/everyday*.tsv), both embedded as queries, each class
/// weighing the same in total. The nearest-example features of the confidence model (<see cref="ConfidenceModel"/>'s
/// margins) follow wordings close to one example; a linear model over the whole vector learns which directions of the
/// embedding space separate the bot's topics from everyday talk, so it also reads a question near no example.
/// Its log-odds is a feature of the confidence model.
/// </summary>
internal sealed class OnTopicModel
{
    /// <summary>
    /// At most this many vectors per class train the model (every n-th, in file order): the fit costs one pass over
    /// them per iteration, so a knowledge base of thousands of articles loads in about the time the shipped one does.
    /// </summary>
    public const int MaxPerClass = 4_000;

    /// <summary>The log-odds is clamped to this magnitude, so one extreme vector cannot dominate the confidence model.</summary>
    public const double MaxLogOdds = 10;

    private const int OnTopic = 1;

    private readonly SoftmaxRegression _model;

    private OnTopicModel(SoftmaxRegression model) => _model = model;

    /// <summary>The model, or null when there are no article questions or no everyday examples to learn from.</summary>
    public static OnTopicModel? Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder, IReadOnlyList<string> everyday)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(everyday);
        var questions = Spread([.. snapshot.Articles.SelectMany(a => a.Questions)]);
        var negatives = Spread(everyday);
        if (questions.Count == 0 || negatives.Count == 0) return null;
        var vectors = embedder.EmbedKnowledge([.. questions, .. negatives], EmbeddingKind.Query);
        var labels = Enumerable.Repeat(OnTopic, questions.Count).Concat(Enumerable.Repeat(1 - OnTopic, negatives.Count)).ToList();
        return new OnTopicModel(SoftmaxRegression.Train(vectors, labels, classes: 2));
    }

    /// <summary>The log-odds that a question with this vector (unit length, same model) is about the articles' topics.</summary>
    public double LogOdds(ReadOnlySpan<float> vector)
    {
        Span<float> probabilities = stackalloc float[2];
        _model.Predict(vector, probabilities);
        var p = Math.Clamp(probabilities[OnTopic], 1e-6f, 1 - 1e-6f);
        return Math.Clamp(Math.Log(p / (1 - p)), -MaxLogOdds, MaxLogOdds);
    }

    /// <summary>At most <see cref="MaxPerClass"/> of <paramref name="texts"/>, evenly spread over them.</summary>
    private static IReadOnlyList<string> Spread(IReadOnlyList<string> texts)
    {
        if (texts.Count <= MaxPerClass) return texts;
        return [.. Enumerable.Range(0, MaxPerClass).Select(i => texts[(int)((long)i * texts.Count / MaxPerClass)])];
    }
}
