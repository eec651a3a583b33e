using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The distress safety net's detector (issue #13 item 5): how strongly a message reads as a member in distress (panic,
/// crying, overwhelm, feeling alone) rather than a calm question or everyday chat. An <see cref="ExampleClassifier"/>
/// over two classes: the messages of knowledge/examples/distress*.tsv against those of calm*.tsv, normal*.tsv and
/// everyday*.tsv, each class weighing the same in total. Its threshold (urgent.yaml's <c>distress.threshold</c>) is
/// fitted on cross-validated examples (<c>bothost kb eval --distress FILE --calibrate</c>). The message's vector is the
/// shared <see cref="MessageEmbedding"/> of the message and is never stored.
/// </summary>
public sealed class DistressDetector
{
    private readonly ISentenceEncoder _encoder;
    private readonly ExampleClassifier _classifier;

    private DistressDetector(ISentenceEncoder encoder, ExampleClassifier classifier)
    {
        _encoder = encoder;
        _classifier = classifier;
    }

    /// <summary>The detector trained on every example; null without distress examples or without anything to contrast them with.</summary>
    public static DistressDetector? Build(SafetyExamples examples, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        var training = DistressTraining.Prepare(examples, embedder);
        return training is null ? null : new DistressDetector(embedder.Encoder, training.Train(Enumerable.Range(0, training.Rows.Count)));
    }

    /// <summary>The distress score (0 to 1) with the nearest distress example, for explanations (never the member's text).</summary>
    public ExampleVerdict Score(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DistressTraining.Verdict(_classifier, MessageEmbedding.For(_encoder, message).Vector);
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

    private DistressTraining(IReadOnlyList<SafetyExample> rows, IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels)
    {
        Rows = rows;
        Vectors = vectors;
        Labels = labels;
    }

    /// <summary>The distress examples, then the calm, normal and everyday ones.</summary>
    public IReadOnlyList<SafetyExample> Rows { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>Per row: <see cref="InDistress"/> or 0.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The rows embedded through the vector cache; null without distress examples or without others.</summary>
    public static DistressTraining? Prepare(SafetyExamples examples, KnowledgeEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        List<SafetyExample> negatives = [.. examples.Calm, .. examples.Normal];
        if (examples.Distress.Count == 0 || negatives.Count == 0) return null;
        List<SafetyExample> rows = [.. examples.Distress, .. negatives];
        var vectors = embedder.EmbedKnowledge([.. rows.Select(r => r.Text)], EmbeddingKind.Query);
        return new DistressTraining(rows, vectors, [.. rows.Select(r => r.Label == SafetyExamples.InDistress ? InDistress : 0)]);
    }

    /// <summary>The classifier fitted to some rows, both classes weighing the same in total.</summary>
    public ExampleClassifier Train(IEnumerable<int> rows)
    {
        var chosen = rows.ToList();
        return ExampleClassifier.Train([.. chosen.Select(i => Vectors[i])], [.. chosen.Select(i => Labels[i])], [.. chosen.Select(i => Rows[i])], 2, [1f, 1f]);
    }

    public static ExampleVerdict Verdict(ExampleClassifier classifier, ReadOnlySpan<float> vector) =>
        new(SafetyExamples.InDistress, classifier.Score(vector)[InDistress], classifier.NearestOf(vector, InDistress));

    /// <summary>Out-of-fold distress scores for every row (rows i with i % folds == f are scored by a classifier trained without them).</summary>
    public IReadOnlyList<double> CrossValidate(int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var classifier = Train(Enumerable.Range(0, Rows.Count).Where(i => i % folds != f));
            for (var i = fold; i < Rows.Count; i += folds) scores[i] = Verdict(classifier, Vectors[i]).Score;
        }

        return scores;
    }
}
