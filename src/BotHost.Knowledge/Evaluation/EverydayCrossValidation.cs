namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// The everyday examples (examples/everyday*.tsv) as negatives for <c>kb eval --calibrate</c>, measured the way a
/// member's everyday message is: each example is searched against a knowledge base built without its fold of the
/// examples, so its own vector (and its own row beside off-topic.yaml) cannot be its nearest everyday neighbour.
/// Searched against the full knowledge base it would match itself exactly and teach the model nothing about the
/// everyday chat no one wrote down.
/// </summary>
public static class EverydayCrossValidation
{
    /// <summary>Folds: each knowledge base leaves out a fifth of the examples.</summary>
    public const int Folds = 5;

    /// <summary>
    /// One negative sample per everyday example (and misspelt copy) the search matches at all (an example that matches nothing is
    /// declined whatever the model says, as with the eval questions), each with weight <paramref name="weight"/>.
    /// </summary>
    /// <param name="options">How <paramref name="knowledge"/> was built (its encoder and features); each fold is built the same way.</param>
    /// <param name="typos">Also search each example misspelt by <see cref="TypoNoise"/> (seeded by its position).</param>
    /// <param name="step">Called once per example searched (progress).</param>
    public static IReadOnlyList<CalibrationSample> Samples(KnowledgeBase knowledge, KnowledgeOptions options, TimeProvider time, string region, double weight,
        bool typos = false, Action? step = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var everyday = knowledge.Snapshot.Everyday;
        var samples = new List<CalibrationSample>();
        var folds = Math.Min(Folds, everyday.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var held = fold;
            var kept = everyday.Where((_, i) => i % folds != held).ToList();
            using var without = KnowledgeBase.Build(knowledge.Snapshot with { Everyday = kept }, options, time);
            for (var i = held; i < everyday.Count; i += folds)
            {
                foreach (var text in typos ? [everyday[i], TypoNoise.Apply(everyday[i], i)] : new[] { everyday[i] })
                {
                    var ranked = without.Search(text, region).Ranked;
                    if (ranked.Count > 0) samples.Add(CalibrationSample.Of(ranked[0], shouldAnswer: false, weight));
                }

                step?.Invoke();
            }
        }

        return samples;
    }
}
