using System.Globalization;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The distress safety net's detector (issue #13 item 5): how strongly a message reads as a member in distress (panic,
/// crying, overwhelm, feeling alone) rather than a calm question or everyday chat. An <see cref="ExampleClassifier"/>
/// over three classes: the messages of knowledge/examples/distress*.tsv, those of calm*.tsv, and those of normal*.tsv and
/// everyday*.tsv, each class weighing the same in total (<see cref="DistressTraining.CalmClass"/>). Its threshold (urgent.yaml's <c>distress.threshold</c>) is
/// fitted on cross-validated examples (<c>bothost kb eval --distress FILE --calibrate</c>). The message's vector is the
/// shared <see cref="MessageEmbedding"/> of the message and is never stored.
/// </summary>
public sealed class DistressDetector
{
    private readonly ISentenceEncoder _encoder;
    private readonly ExampleClassifier _classifier;
    private readonly KernelClassifier? _machine;
    private readonly TextFeatures? _text;

    private DistressDetector(ISentenceEncoder encoder, ExampleClassifier classifier, KernelClassifier? machine, TextFeatures? text)
    {
        _encoder = encoder;
        _classifier = classifier;
        _machine = machine;
        _text = text;
    }

    /// <summary>
    /// The detector trained on every example (or read back from the trained-model cache beside the embedder's vector
    /// cache, when an earlier load trained it on the same rows); null without distress examples or without anything to
    /// contrast them with.
    /// </summary>
    public static DistressDetector? Build(SafetyExamples examples, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return Build(examples, embedder, TrainedModelCache.Beside(embedder.CachePath, embedder.Time));
    }

    /// <param name="cache">Where the trained detector is kept between loads (null: train on every load).</param>
    internal static DistressDetector? Build(SafetyExamples examples, KnowledgeEmbedder embedder, TrainedModelCache? cache)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        var training = DistressTraining.Prepare(examples, embedder);
        if (training is null) return null;
        DistressDetector Detector(ExampleClassifier classifier, KernelClassifier? machine, bool fromCache) =>
            new(embedder.Encoder, classifier, machine, machine is { UsesText: true } ? training.Text : null) { FromCache = fromCache };

        var key = cache is null ? null : training.Key(embedder.Encoder.ModelId);
        if (key is not null && cache!.TryRead(key) is { } payload && training.Restore(payload) is { } restored)
        {
            return Detector(restored.Classifier, restored.Machine, fromCache: true);
        }

        var all = Enumerable.Range(0, training.Rows.Count).ToList();
        var classifier = training.Train(all);
        var machine = DistressTraining.MachineSettings is { } settings ? training.TrainMachine(all, settings) : null;
        if (key is not null) cache!.Write(key, DistressTraining.Payload(classifier, machine));
        return Detector(classifier, machine, fromCache: false);
    }

    /// <summary>Whether the detector was read back from the trained-model cache rather than trained by this load.</summary>
    public bool FromCache { get; private init; }

    /// <summary>The distress score (0 to 1) with the nearest distress example, for explanations (never the member's text).</summary>
    public ExampleVerdict Score(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var vector = MessageEmbedding.For(_encoder, message).Vector;
        var verdict = DistressTraining.Verdict(_classifier, vector);
        if (_machine is null) return verdict;
        var machine = _machine.Score(vector, _text is null ? default : _text.Vectorize(message));
        return verdict with { Score = (DistressTraining.MachineMix * machine) + ((1 - DistressTraining.MachineMix) * verdict.Score) };
    }
}

/// <summary>
/// The embedded training rows of <see cref="DistressDetector"/>, kept apart so that <c>kb eval --distress --calibrate</c>
/// can cross-validate: train on all rows but one fold, score the fold, repeat.
/// </summary>
internal sealed class DistressTraining
{
    /// <summary>The class of a distress row (the other rows are 0).</summary>
    public const int InDistress = 1;

    /// <summary>The class of a calm row when <see cref="CalmClass"/> holds.</summary>
    private const int Calm = 2;

    /// <summary>
    /// Whether the calm examples are a class of their own (distress, calm, and normal and everyday messages each weighing
    /// the same in total) rather than part of one class with the normal and everyday ones; chosen with <c>bothost kb eval
    /// --distress knowledge/eval/dev-urgent.tsv --calibrate</c> (cross-validated examples only, its variants, each at the
    /// highest threshold keeping 0.90 of the distress examples). On the example files of 2026-12-07 (writer7's calm-5.tsv:
    /// calm messages using emotional words), a class of their own with <see cref="ModelShare"/> 0.5: calm fired 0.079 ->
    /// 0.049, normal and everyday 0.020 -> 0.017, distress caught 0.910 -> 0.905 (shares 0 to 1 tried either way).
    /// </summary>
    public const bool CalmClass = true;

    /// <summary>The linear model's share in the classifier's blend (the rest is the neighbours' vote); chosen with <see cref="CalmClass"/> (0.3 before).</summary>
    public const float ModelShare = 0.5f;

    /// <summary>
    /// The settings of a kernel machine (distress against the calm, normal and everyday rows, the three weighing the same in
    /// total) whose score is mixed into the distress score (<see cref="MachineMix"/>); null: the classifier's blend alone.
    /// Chosen with <c>bothost kb eval --distress knowledge/eval/dev-urgent.tsv --calibrate</c> (its machines and mixes,
    /// cross-validated examples only, each at the highest threshold keeping 0.90 of the distress examples). With writer10's
    /// calm-6.tsv (2026-12-07), the blend alone at 0.50: distress caught 0.902, calm fired 0.059, normal and everyday 0.016;
    /// a machine reading the words beside the sentence vector (word features' cosine weighing 0.5), alone, at 0.45: caught
    /// 0.912, calm 0.035, normal and everyday 0.007 (without words 0.907, 0.057, 0.013; mixed 0.3 to 0.7 with the blend,
    /// calm 0.045 to 0.050).
    /// </summary>
    public static KernelMachine.Settings? MachineSettings { get; } = new(Gamma: 2f, Cost: 16f, TextWeight: 0.5f);

    /// <summary>The kernel machine's share of the distress score when <see cref="MachineSettings"/> gives one (1: the machine alone; the nearest example still comes from the blend's classifier).</summary>
    public const float MachineMix = 1f;

    /// <summary>The word features' vocabulary (every row's words), for a machine that reads them (built on first use).</summary>
    public TextFeatures Text => _text ??= TextFeatures.Fit([.. Rows.Select(r => r.Text)]);

    private TextFeatures? _text;

    /// <summary>Per row: its word features (built on first use).</summary>
    public IReadOnlyList<SparseVector> Texts => _texts ??= [.. Rows.Select(r => Text.Vectorize(r.Text))];

    private SparseVector[]? _texts;

    /// <summary>
    /// A kernel machine of the distress rows against the others among <paramref name="rows"/>: distress, calm, and normal and
    /// everyday rows each weighing the same in total; null without both sides.
    /// </summary>
    public KernelClassifier? TrainMachine(IReadOnlyList<int> rows, KernelMachine.Settings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        var positive = Labels.Select(l => l == InDistress).ToList();
        var distress = rows.Count(i => positive[i]);
        var calm = rows.Count(i => IsCalm[i]);
        var others = rows.Count - distress - calm;
        var weights = new float[Rows.Count];
        foreach (var i in rows) weights[i] = rows.Count / (3f * Math.Max(1, positive[i] ? distress : IsCalm[i] ? calm : others));
        return KernelClassifier.Train(Vectors, settings.TextWeight > 0 ? Texts : null, rows, positive, weights, Rows, settings);
    }

    /// <summary>Out-of-fold scores of a kernel machine (<see cref="TrainMachine"/>) for every row, on the folds of <see cref="CrossValidateParts"/>.</summary>
    public IReadOnlyList<double> CrossValidateMachine(int folds, KernelMachine.Settings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            if (TrainMachine([.. Enumerable.Range(0, Rows.Count).Where(i => i % folds != f)], settings) is not { } machine) continue;
            for (var i = fold; i < Rows.Count; i += folds) scores[i] = machine.Score(Vectors[i], machine.UsesText ? Texts[i] : default);
        }

        return scores;
    }

    private DistressTraining(IReadOnlyList<SafetyExample> rows, IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, IReadOnlyList<bool> calm)
    {
        Rows = rows;
        Vectors = vectors;
        Labels = labels;
        IsCalm = calm;
    }

    /// <summary>
    /// The key of the detector trained on every row, for the <see cref="TrainedModelCache"/> (see
    /// <see cref="TrainedModelCache.Key"/>): the classifier's and the machine's settings and every row's label, calm mark
    /// and text, in order.
    /// </summary>
    public byte[] Key(string modelId) => TrainedModelCache.Key("bothost distress model", modelId, Vectors.Count == 0 ? 0 : Vectors[0].Length, add =>
    {
        add(CalmClass ? "calm class" : "calm with normal");
        add(ModelShare.ToString("R", CultureInfo.InvariantCulture));
        add(CalmWeight.ToString("R", CultureInfo.InvariantCulture));
        add(new SoftmaxRegression.Settings().ToString());
        add(MachineSettings?.ToString() ?? "no machine");
        add(MachineMix.ToString("R", CultureInfo.InvariantCulture));
        add(Rows.Count.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Rows.Count; i++)
        {
            add(Labels[i] == InDistress ? "distress" : IsCalm[i] ? "calm" : "other");
            add(Rows[i].Text);
        }
    });

    /// <summary>The detector as the cache keeps it: the classifier's linear model, a presence byte, then the kernel machine.</summary>
    public static byte[] Payload(ExampleClassifier classifier, KernelClassifier? machine)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return TrainedModelCache.Payload(writer =>
        {
            classifier.Model.Write(writer);
            writer.Write(machine is not null);
            machine?.Machine.Write(writer);
        });
    }

    /// <summary>The detector of <see cref="Payload"/> around these rows (as <see cref="Train"/> and <see cref="TrainMachine"/> fit it on every row); null when the data does not fit them.</summary>
    public Restored? Restore(byte[] payload) => TrainedModelCache.Restore(payload, reader =>
    {
        var model = SoftmaxRegression.Read(reader);
        if (model.Classes != (CalmClass ? 3 : 2)) return (Restored?)null;
        var classifier = ExampleClassifier.Restore(Vectors, [.. Enumerable.Range(0, Rows.Count).Select(i => CalmClass && IsCalm[i] ? Calm : Labels[i])], Rows, model);
        var machine = reader.ReadBoolean()
            ? KernelClassifier.Restore(KernelMachine.Read(reader), Vectors, [.. Enumerable.Range(0, Rows.Count).Where(i => Labels[i] == InDistress)], Rows)
            : null;
        return (machine is null) == (MachineSettings is null) ? new Restored(classifier, machine) : null;
    });

    /// <summary>A detector's models read back from the cache.</summary>
    public readonly record struct Restored(ExampleClassifier Classifier, KernelClassifier? Machine);

    /// <summary>The distress examples, then the calm, normal and everyday ones.</summary>
    public IReadOnlyList<SafetyExample> Rows { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>Per row: <see cref="InDistress"/> or 0.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Per row: whether it is a calm example.</summary>
    public IReadOnlyList<bool> IsCalm { get; }

    /// <summary>The rows embedded through the vector cache; null without distress examples or without others.</summary>
    public static DistressTraining? Prepare(SafetyExamples examples, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        List<SafetyExample> negatives = [.. examples.Calm, .. examples.Normal];
        if (examples.Distress.Count == 0 || negatives.Count == 0) return null;
        List<SafetyExample> rows = [.. examples.Distress, .. negatives];
        var vectors = embedder.EmbedKnowledge([.. rows.Select(r => r.Text)], EmbeddingKind.Query);
        var calm = examples.Distress.Count;
        return new DistressTraining(rows, vectors, [.. rows.Select(r => r.Label == SafetyExamples.InDistress ? InDistress : 0)],
            [.. rows.Select((_, i) => i >= calm && i < calm + examples.Calm.Count)]);
    }

    /// <summary>The classifier fitted to some rows, each class weighing the same in total.</summary>
    /// <param name="calmClass">Whether the calm rows are a class of their own (<see cref="CalmClass"/> unless <c>--calibrate</c> tries the other).</param>
    /// <param name="calmWeight">The calm class's weight in the linear model against 1 for each other class, when it is a class of its own.</param>
    public ExampleClassifier Train(IEnumerable<int> rows, bool calmClass = CalmClass, float calmWeight = CalmWeight)
    {
        var chosen = rows.ToList();
        int Label(int i) => calmClass && IsCalm[i] ? Calm : Labels[i];
        return ExampleClassifier.Train([.. chosen.Select(i => Vectors[i])], [.. chosen.Select(Label)], [.. chosen.Select(i => Rows[i])], calmClass ? 3 : 2,
            calmClass ? [1f, 1f, calmWeight] : [1f, 1f]);
    }

    /// <summary>
    /// The calm class's weight in the linear model (<see cref="CalmClass"/>), against 1 for the distress class and for the
    /// normal and everyday one.
    /// </summary>
    public const float CalmWeight = 1f;

    public static ExampleVerdict Verdict(ExampleClassifier classifier, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var (scores, nearest) = classifier.ScoreWithNearest(vector, ModelShare, static _ => InDistress);
        return new(SafetyExamples.InDistress, scores[InDistress], nearest);
    }

    /// <summary>
    /// Out-of-fold parts of every row's distress score (the linear model's and the neighbours' vote, which the detector
    /// blends), for <c>--calibrate</c>'s variants.
    /// </summary>
    public IReadOnlyList<(float Model, float Vote)> CrossValidateParts(int folds, bool calmClass, float calmWeight = CalmWeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var parts = new (float Model, float Vote)[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var classifier = Train(Enumerable.Range(0, Rows.Count).Where(i => i % folds != f), calmClass, calmWeight);
            for (var i = fold; i < Rows.Count; i += folds)
            {
                var (model, vote) = classifier.Parts(Vectors[i]);
                parts[i] = (model[InDistress], vote[InDistress]);
            }
        }

        return parts;
    }

    /// <summary>Out-of-fold distress scores for every row (rows i with i % folds == f are scored by a classifier trained without them).</summary>
    public IReadOnlyList<double> CrossValidate(int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var chosen = Enumerable.Range(0, Rows.Count).Where(i => i % folds != f).ToList();
            var classifier = Train(chosen);
            var machine = MachineSettings is { } settings ? TrainMachine(chosen, settings) : null;
            for (var i = fold; i < Rows.Count; i += folds)
            {
                scores[i] = Verdict(classifier, Vectors[i]).Score;
                if (machine is not null) scores[i] = (MachineMix * machine.Score(Vectors[i], machine.UsesText ? Texts[i] : default)) + ((1 - MachineMix) * scores[i]);
            }
        }

        return scores;
    }
}
