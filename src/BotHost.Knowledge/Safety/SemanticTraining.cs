using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The embedded training rows of <see cref="SemanticSafety"/>'s two classifiers, kept apart from it so that
/// <c>kb eval --calibrate</c> can cross-validate: train on all rows but one fold, score the fold, repeat.
/// </summary>
internal sealed class SemanticTraining
{
    private SemanticTraining(IReadOnlyList<string> categories, IReadOnlyList<SafetyExample> rows, IReadOnlyList<float[]> vectors,
        IReadOnlyList<int> urgentLabels, IReadOnlyList<int> refusalLabels)
    {
        Categories = categories;
        Rows = rows;
        Vectors = vectors;
        UrgentLabels = urgentLabels;
        RefusalLabels = refusalLabels;
    }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>
    /// Every training row: the examples, then the off-topic questions (label "normal"), then the articles' questions
    /// (label "protective" for the refusal classifier only; see <see cref="Prepare"/>).
    /// </summary>
    public IReadOnlyList<SafetyExample> Rows { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>Per row: the category's index in <see cref="Categories"/>, or <c>Categories.Count</c> for "not urgent".</summary>
    public IReadOnlyList<int> UrgentLabels { get; }

    /// <summary>Per row: 1 for a request to refuse, 2 for a protective question, 0 for anything else.</summary>
    public IReadOnlyList<int> RefusalLabels { get; }

    /// <param name="answerable">
    /// Questions the articles answer (their <c>questions:</c>): every one must be answered, so they teach the refusal
    /// classifier what a protective question looks like, in wordings written apart from the example files (help-seekers
    /// worried about their own thoughts, parents whose child was targeted, moderators who found material). They take no
    /// part in the urgent classifier: some articles answer a member in danger.
    /// </param>
    public static SemanticTraining Prepare(SafetyExamples examples, IReadOnlyList<string> offTopic, IReadOnlyList<SafetyExample> answerable, KnowledgeEmbedder embedder)
    {
        var categories = examples.Urgent.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        List<SafetyExample> rows =
        [
            .. examples.Urgent,
            .. examples.Normal,
            .. examples.Refusal,
            .. offTopic.Select(q => new SafetyExample(q, SafetyExamples.NotUrgent, KnowledgeLoader.OffTopicFile, 0)),
        ];
        var urgentRows = rows.Count;
        rows.AddRange(answerable);
        var vectors = embedder.EmbedKnowledge([.. rows.Select(r => r.Text)], EmbeddingKind.Query);
        var index = categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var urgentLabels = rows.Take(urgentRows).Select(r => index.TryGetValue(r.Label, out var i) ? i : categories.Count).ToList();
        var refusalLabels = rows.Select(r => r.Label switch { SafetyExamples.Refuse => 1, SafetyExamples.Protective => 2, _ => 0 }).ToList();
        return new SemanticTraining(categories, rows, vectors, urgentLabels, refusalLabels);
    }

    /// <summary>The articles' questions as protective rows (see <see cref="Prepare"/>), each named by its article's file.</summary>
    public static IReadOnlyList<SafetyExample> Answerable(IEnumerable<Articles.Article> articles) =>
        [.. articles.SelectMany(a => a.Questions.Select(q => new SafetyExample(q, SafetyExamples.Protective, $"{KnowledgeLoader.ArticlesFolder}/{a.Id}.md", 0)))];

    /// <summary>The urgent classifier fitted to some rows; null when those rows have no urgent example or nothing else.</summary>
    public ExampleClassifier? TrainUrgent(IEnumerable<int> rows)
    {
        var chosen = rows.ToList();
        if (Categories.Count == 0 || !chosen.Exists(i => UrgentLabels[i] == Categories.Count)) return null;
        // "Not urgent" weighs as much as all categories together, so urgent and not urgent are equally likely a priori.
        float[] weights = [.. Categories.Select(_ => 1f), Categories.Count];
        return ExampleClassifier.Train([.. chosen.Select(i => Vectors[i])], [.. chosen.Select(i => UrgentLabels[i])], [.. chosen.Select(i => Rows[i])],
            Categories.Count + 1, weights);
    }

    /// <summary>
    /// The refusal classifier fitted to some rows; null without requests to refuse. Protective questions are a class of
    /// their own (not lumped in with everyday messages), so the model learns what separates a parent's or moderator's
    /// question from an offender's request on the same topic.
    /// </summary>
    public ExampleClassifier? TrainRefusal(IEnumerable<int> rows)
    {
        var chosen = rows.ToList();
        if (!chosen.Exists(i => RefusalLabels[i] == 1) || !chosen.Exists(i => RefusalLabels[i] == 0)) return null;
        return ExampleClassifier.Train([.. chosen.Select(i => Vectors[i])], [.. chosen.Select(i => RefusalLabels[i])], [.. chosen.Select(i => Rows[i])], 3,
            [1f, 1f, 1f]);
    }

    /// <summary>
    /// The urgent score is everything but "not urgent" (so a message between two categories still counts in full);
    /// the category is the urgent class with the highest score.
    /// </summary>
    public static ExampleVerdict UrgentVerdict(ExampleClassifier classifier, ReadOnlySpan<float> vector, IReadOnlyList<string> categories)
    {
        var scores = classifier.Score(vector);
        var best = 0;
        for (var k = 1; k < categories.Count; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }

        return new ExampleVerdict(categories[best], 1 - scores[categories.Count], classifier.NearestOf(vector, best));
    }

    public static ExampleVerdict RefusalVerdict(ExampleClassifier classifier, ReadOnlySpan<float> vector)
    {
        var scores = classifier.Score(vector);
        return new ExampleVerdict(SafetyExamples.Refuse, scores[1], classifier.NearestOf(vector, 1));
    }

    /// <summary>Out-of-fold urgent verdicts for every row (rows i with i % folds == f are scored by a model trained without them).</summary>
    public IReadOnlyList<ExampleVerdict?> CrossValidateUrgent(int folds) => CrossValidate(folds, UrgentLabels.Count, TrainUrgent,
        (c, v) => UrgentVerdict(c, v, Categories));

    /// <summary>Out-of-fold refusal verdicts for every row.</summary>
    public IReadOnlyList<ExampleVerdict?> CrossValidateRefusal(int folds) => CrossValidate(folds, RefusalLabels.Count, TrainRefusal,
        (c, v) => RefusalVerdict(c, v));

    /// <param name="count">The rows the classifier trains on (the first ones; the others' verdicts stay null).</param>
    private List<ExampleVerdict?> CrossValidate(int folds, int count, Func<IEnumerable<int>, ExampleClassifier?> train, Func<ExampleClassifier, float[], ExampleVerdict> score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var verdicts = new ExampleVerdict?[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var classifier = train(Enumerable.Range(0, count).Where(i => i % folds != f));
            if (classifier is null) continue;
            for (var i = fold; i < count; i += folds) verdicts[i] = score(classifier, Vectors[i]);
        }

        return [.. verdicts];
    }
}
