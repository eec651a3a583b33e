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
    private readonly StanceClassifier? _stance;
    private readonly RefusalModel? _joint;
    private readonly KernelClassifier? _pair;
    private readonly IReadOnlyList<string> _categories;
    private readonly TextFeatures? _text;

    /// <summary>The pair machine's word vocabulary (<see cref="SemanticTraining.PairText"/>), when it reads word features.</summary>
    private readonly TextFeatures? _pairText;

    /// <summary>The urgent training's word vocabulary, when the urgency machine reads word features.</summary>
    private readonly TextFeatures? _urgentText;

    private SemanticSafety(ISentenceEncoder encoder, SemanticTraining training, TrainedModelCache? cache)
    {
        _encoder = encoder;
        _categories = training.Categories;

        // Two cache entries, each keyed on only its own rows and settings: an edit to the articles' questions (rows of the
        // refusal detectors alone) reads the urgent detector back and trains the refusal ones only.
        var urgentKey = cache is null ? null : training.UrgentKey();
        if (urgentKey is not null && cache!.TryRead(urgentKey) is { } urgentPayload && RestoreUrgent(training, urgentPayload) is { } restored)
        {
            _urgent = restored.Urgent;
            UrgentFromCache = true;
        }
        else
        {
            _urgent = training.Urgent.TrainUrgent(Enumerable.Range(0, training.Urgent.UrgentLabels.Count), SemanticTraining.UrgentSettings);
            if (urgentKey is not null) cache!.Write(urgentKey, SerializeUrgent(_urgent));
        }

        var refusalKey = cache is null ? null : training.RefusalKey();
        if (refusalKey is not null && cache!.TryRead(refusalKey) is { } refusalPayload && RestoreRefusal(training, refusalPayload) is var (refusal, stance, joint, pair))
        {
            _refusal = refusal;
            _stance = stance;
            _joint = joint;
            _pair = pair;
            RefusalFromCache = true;
        }
        else
        {
            // The out-of-fold trainings take their kernels from the machines of all rows (the same numbers), then drop them.
            training.Kernels = new KernelMachine.KernelStore();
            try
            {
                _refusal = training.TrainRefusal(Enumerable.Range(0, training.RefusalLabels.Count));
                _stance = _refusal is null ? null : training.TrainStance(Enumerable.Range(0, training.RefusalLabels.Count));
                var views = RefusalModel.InUse.Views > 0;
                _pair = _refusal is null || !views ? null : training.TrainPair(Enumerable.Range(0, training.RefusalLabels.Count));
                var scores = _refusal is null || _stance is null || !RefusalModel.InUse.LearnsFromScores || (views && _pair is null)
                    ? null
                    : RefusalModel.OutOfFoldScores(training, RefusalModel.Folds, pair: views);
                _joint = _refusal is null || (RefusalModel.InUse.LearnsFromScores && scores is null)
                    ? null
                    : RefusalModel.Train(training, Enumerable.Range(0, training.RefusalLabels.Count), scores: scores);
            }
            finally
            {
                training.Kernels = null;
            }

            if (refusalKey is not null) cache!.Write(refusalKey, SerializeRefusal(_refusal, _stance, _joint, _pair));
        }

        // The word features' vocabulary only when a refusal machine reads them (RefusalSettings' or PairSettings' TextWeight).
        _text = _refusal is { UsesText: true } ? training.Text : null;
        _pairText = _pair is { UsesText: true } ? training.PairTextOf() : null;
        _urgentText = _urgent?.Urgency is { UsesText: true } ? training.Urgent.Text : null;
    }

    /// <summary>Whether every detector was read back from the trained-model cache rather than trained by this load.</summary>
    public bool FromCache => UrgentFromCache && RefusalFromCache;

    /// <summary>Whether the urgent detector was read back from the trained-model cache.</summary>
    public bool UrgentFromCache { get; }

    /// <summary>Whether the refusal detectors (the kernel machines, stance classifier and one learned score) were read back from the trained-model cache.</summary>
    public bool RefusalFromCache { get; }

    /// <summary>The urgent categories the examples cover (the classes besides "normal").</summary>
    public IReadOnlyList<string> Categories => _categories;

    public bool DetectsUrgent => _urgent is not null;

    public bool DetectsRefusal => _refusal is not null;

    /// <summary>Whether refusal verdicts carry the asker's stance (<see cref="ExampleVerdict.Stance"/>).</summary>
    public bool ReadsStance => _stance is not null;

    /// <summary>Whether refusal verdicts carry the one learned score (<see cref="ExampleVerdict.Joint"/>).</summary>
    public bool ReadsJoint => _joint is not null;

    /// <summary>
    /// Embeds the examples (through the vector cache) and fits both classifiers. Not urgent, for the urgent classifier:
    /// normal and everyday messages, off-topic questions, every refusal example (an offender's request is not a
    /// member in danger; a protective question is calm), and the distress and calm examples (a member in distress but not
    /// in danger gets the distress safety net's reply). Not refused: protective questions, normal and everyday messages,
    /// off-topic questions and urgent messages (a victim is never refused); and, protective too, every question an
    /// article lists (the bot must answer those).
    /// </summary>
    public static SemanticSafety Build(SafetyExamples examples, IReadOnlyList<string> offTopic, IReadOnlyList<Articles.Article> articles, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(offTopic);
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(embedder);
        return Build(examples, offTopic, articles, embedder, TrainedModelCache.Beside(embedder.CachePath, embedder.Time));
    }

    /// <param name="cache">Where trained detectors are kept between loads (null: train on every load).</param>
    internal static SemanticSafety Build(SafetyExamples examples, IReadOnlyList<string> offTopic, IReadOnlyList<Articles.Article> articles, KnowledgeEmbedder embedder,
        TrainedModelCache? cache)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(offTopic);
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(embedder);
        return new SemanticSafety(embedder.Encoder, SemanticTraining.Prepare(examples, offTopic, SemanticTraining.Answerable(articles), embedder), cache);
    }

    /// <summary>The urgent detector as the cache keeps it: a presence byte, then its models.</summary>
    private static byte[] SerializeUrgent(UrgentModel? urgent) => TrainedModelCache.Payload(writer =>
    {
        writer.Write(urgent is not null);
        if (urgent is not null)
        {
            urgent.Categories.Model.Write(writer);
            writer.Write(urgent.Urgency is not null);
            urgent.Urgency?.Machine.Write(writer);
        }
    });

    /// <summary>The refusal detectors as the cache keeps them: per detector a presence byte, then its models.</summary>
    private static byte[] SerializeRefusal(KernelClassifier? refusal, StanceClassifier? stance, RefusalModel? joint, KernelClassifier? pair) => TrainedModelCache.Payload(writer =>
    {
        writer.Write(refusal is not null);
        refusal?.Machine.Write(writer);
        writer.Write(stance is not null);
        stance?.Write(writer);
        writer.Write(joint is not null);
        joint?.Write(writer);
        writer.Write(pair is not null);
        pair?.Machine.Write(writer);
    });

    /// <summary>The urgent detector of <see cref="SerializeUrgent"/> around the training's rows; null when the data does not fit it.</summary>
    private static (UrgentModel? Urgent, bool Whole)? RestoreUrgent(SemanticTraining training, byte[] payload) => TrainedModelCache.Restore(payload, reader =>
    {
        UrgentModel? urgent = null;
        if (reader.ReadBoolean())
        {
            var categories = SoftmaxRegression.Read(reader);
            urgent = training.Urgent.RestoreUrgent(categories, reader.ReadBoolean() ? KernelMachine.Read(reader) : null);
        }

        return ((UrgentModel?, bool)?)(urgent, true);
    });

    /// <summary>The refusal detectors of <see cref="SerializeRefusal"/> around the training's rows; null when the data does not fit them.</summary>
    private static (KernelClassifier? Refusal, StanceClassifier? Stance, RefusalModel? Joint, KernelClassifier? Pair)? RestoreRefusal(SemanticTraining training, byte[] payload) =>
        TrainedModelCache.Restore(payload, reader =>
        {
            var refusal = reader.ReadBoolean() ? training.RestoreRefusal(KernelMachine.Read(reader)) : null;
            var stance = reader.ReadBoolean() ? StanceClassifier.Read(reader) : null;
            if (stance is not null && training.Vectors.Count > 0 && stance.Dimensions != training.Vectors[0].Length) return null;
            var joint = reader.ReadBoolean() ? RefusalModel.Restore(training, RefusalModel.Read(reader)) : null;
            var pair = reader.ReadBoolean() ? training.RestorePair(KernelMachine.Read(reader)) : null;
            if (joint is not null && joint.Views != (pair is null ? 0 : 1)) return null;
            return ((KernelClassifier?, StanceClassifier?, RefusalModel?, KernelClassifier?)?)(refusal, stance, joint, pair);
        });

    /// <summary>The urgent category the examples lean to, with the urgent score; null when there are no urgent examples.</summary>
    public ExampleVerdict? ScoreUrgent(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_urgent is null) return null;
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        return SemanticTraining.UrgentVerdict(_urgent, vector, _categories, _urgentText is not null ? _urgentText.Vectorize(message) : default);
    }

    /// <summary>How strongly the message reads as a request to refuse; null when there are no refusal examples.</summary>
    public ExampleVerdict? ScoreRefusal(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_refusal is null) return null;
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        var text = _text is not null ? _text.Vectorize(message) : default;
        var verdict = SemanticTraining.RefusalVerdict(_refusal, vector, text, _stance?.Score(message, vector));
        if (_joint is null || (_joint.ReadsScores && verdict.Stance is null) || (_joint.Views > 0 && _pair is null)) return verdict;
        if (!_joint.ReadsScores) return verdict with { Joint = _joint.Score(message, vector) };
        ReadOnlySpan<double> views = _joint.Views > 0 && _pair is not null ? [_pair.Score(vector, _pairText is not null ? _pairText.Vectorize(message) : default)] : [];
        return verdict with { Joint = _joint.Score(message, vector, RefusalModel.ScoreFeatures(verdict.Score, verdict.Stance!.Value, views)) };
    }
}
