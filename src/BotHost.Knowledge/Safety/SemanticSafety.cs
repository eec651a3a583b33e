using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The second, independent safety detector: the sentence encoder places a message among the labelled examples of
/// knowledge/examples/; an <see cref="ExampleClassifier"/> reads off how urgent it is (and of which category) and a
/// <see cref="KernelClassifier"/> whether it asks for something the bot refuses. It generalises to wordings no rule names; <see cref="SafetyRules"/>
/// OR-combines it with the rules, each category with its own threshold from urgent.yaml. The message's vector is the one
/// shared <see cref="MessageEmbedding"/> of the message (retrieval reuses it) and is never stored.
/// </summary>
public sealed class SemanticSafety
{
    /// <summary>The threshold of a category or of refusals that urgent.yaml or refusal.yaml does not set.</summary>
    public const double DefaultThreshold = 0.5;

    private readonly ISentenceEncoder _encoder;
    private readonly UrgentModel? _urgent;
    private readonly KernelClassifier? _refusal;
    private readonly IReadOnlyList<string> _categories;
    private readonly TextFeatures _text;

    private SemanticSafety(ISentenceEncoder encoder, SemanticTraining training)
    {
        _encoder = encoder;
        _categories = training.Categories;
        _text = training.Text;
        _urgent = training.TrainUrgent(Enumerable.Range(0, training.UrgentLabels.Count), SemanticTraining.UrgentSettings);
        _refusal = training.TrainRefusal(Enumerable.Range(0, training.RefusalLabels.Count));
    }

    /// <summary>The urgent categories the examples cover (the classes besides "normal").</summary>
    public IReadOnlyList<string> Categories => _categories;

    public bool DetectsUrgent => _urgent is not null;

    public bool DetectsRefusal => _refusal is not null;

    /// <summary>
    /// Embeds the examples (through the vector cache) and fits both classifiers. Not urgent, for the urgent classifier:
    /// normal and everyday messages, off-topic questions, and every refusal example (an offender's request is not a
    /// member in danger; a protective question is calm). Not refused: protective questions, normal and everyday messages,
    /// off-topic questions and urgent messages (a victim is never refused); and, protective too, every question an
    /// article lists (the bot must answer those).
    /// </summary>
    public static SemanticSafety Build(SafetyExamples examples, IReadOnlyList<string> offTopic, IReadOnlyList<Articles.Article> articles, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(offTopic);
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(embedder);
        return new SemanticSafety(embedder.Encoder, SemanticTraining.Prepare(examples, offTopic, SemanticTraining.Answerable(articles), embedder));
    }

    /// <summary>The urgent category the examples lean to, with the urgent score; null when there are no urgent examples.</summary>
    public ExampleVerdict? ScoreUrgent(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_urgent is null) return null;
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        return SemanticTraining.UrgentVerdict(_urgent, vector, _categories);
    }

    /// <summary>How strongly the message reads as a request to refuse; null when there are no refusal examples.</summary>
    public ExampleVerdict? ScoreRefusal(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_refusal is null) return null;
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        return SemanticTraining.RefusalVerdict(_refusal, vector, _refusal.UsesText ? _text.Vectorize(message) : default);
    }
}
