using System.Globalization;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The embedded training rows of <see cref="SemanticSafety"/>'s two classifiers, kept apart from it so that
/// <c>kb eval --calibrate</c> can cross-validate: train on all rows but one fold, score the fold, repeat.
/// </summary>
internal sealed class SemanticTraining
{
    private SemanticTraining(string modelId, IReadOnlyList<string> categories, IReadOnlyList<SafetyExample> rows, IReadOnlyList<float[]> vectors,
        IReadOnlyList<int> urgentLabels, IReadOnlyList<int> refusalLabels)
    {
        ModelId = modelId;
        Categories = categories;
        Rows = rows;
        Vectors = vectors;
        UrgentLabels = urgentLabels;
        RefusalLabels = refusalLabels;
        Urgent = this;
    }

    /// <summary>The sentence encoder's model id (the rows' vectors are its).</summary>
    public string ModelId { get; }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>
    /// Every training row: the examples, then the off-topic questions (label "normal"), then the articles' questions
    /// (label "protective" for the refusal classifier only; see <see cref="Prepare"/>).
    /// </summary>
    public IReadOnlyList<SafetyExample> Rows { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>The word features' vocabulary (every row's words), for the detectors' word features of a message (built on first use).</summary>
    public TextFeatures Text => _text ??= TextFeatures.Fit([.. Rows.Select(r => r.Text)]);

    private TextFeatures? _text;

    /// <summary>Per row: its word features (built on first use: only settings that weigh them read them).</summary>
    public IReadOnlyList<SparseVector> Texts => _texts ??= [.. Rows.Select(r => Text.Vectorize(r.Text))];

    private SparseVector[]? _texts;

    /// <summary>
    /// The pair machine's word features' vocabulary: every row's words, and its words read as their <see cref="AskerWords"/>
    /// classes (<see cref="TextFeatures.Classes"/>; built on first use).
    /// </summary>
    public TextFeatures PairText => _pairText ??= TextFeatures.Fit([.. Rows.Select(r => r.Text)], classes: true);

    private TextFeatures? _pairText;

    /// <summary>Per row: its word features in <see cref="PairText"/>'s vocabulary (built on first use).</summary>
    public IReadOnlyList<SparseVector> PairTexts => _pairTexts ??= [.. Rows.Select(r => PairText.Vectorize(r.Text))];

    private SparseVector[]? _pairTexts;

    /// <summary>
    /// The pair machine's word features as two blocks (<see cref="KernelMachine.TextBlocks"/>): <see cref="Texts"/> (the same
    /// vocabulary: both are fitted on every row) and the class-masked block alone, so that a load's pair machine reads the
    /// kernel machine's kept kernel when their settings are the same and adds the class block's cosines.
    /// </summary>
    private KernelMachine.TextBlocks PairBlocks => _pairBlocks ??= new(Texts, [.. Rows.Select(r => PairText.VectorizeClasses(r.Text))]);

    private KernelMachine.TextBlocks? _pairBlocks;

    /// <summary>The word features a pair machine reads: <see cref="PairText"/>'s with <paramref name="classes"/>, else <see cref="Text"/>'s.</summary>
    public TextFeatures PairTextOf(bool classes = PairClasses) => classes ? PairText : Text;

    /// <summary>Per row: the category's index in <see cref="Categories"/>, or <c>Categories.Count</c> for "not urgent".</summary>
    public IReadOnlyList<int> UrgentLabels { get; }

    /// <summary>Per row: 1 for a request to refuse, 2 for a protective question, 0 for anything else.</summary>
    public IReadOnlyList<int> RefusalLabels { get; }

    /// <summary>
    /// The rows of the urgent classifier, which every urgent method (<see cref="TrainUrgent"/>, <see cref="CrossValidateUrgent"/>,
    /// <see cref="RestoreUrgent"/>) is called on: this training's first <see cref="UrgentLabels"/> rows (same order, so the
    /// same folds), then the distress and calm examples as "not urgent" (see <see cref="Prepare"/>). Itself when there are
    /// no distress or calm examples, and for the urgent training itself.
    /// </summary>
    public SemanticTraining Urgent { get; private set; }

    /// <param name="answerable">
    /// Questions the articles answer (their <c>questions:</c>): every one must be answered, so they teach the refusal
    /// classifier what a protective question looks like, in wordings written apart from the example files (help-seekers
    /// worried about their own thoughts, parents whose child was targeted, moderators who found material). They take no
    /// part in the urgent classifier: some articles answer a member in danger.
    /// </param>
    /// <remarks>
    /// The distress and calm examples (distress*.tsv, calm*.tsv) are "not urgent" rows of the urgent classifier only
    /// (<see cref="Urgent"/>): a member who is low, panicking or crying but not in danger gets the distress safety net's
    /// reply (private, with lines to talk to), not an urgent category's with a moderator alert; without them the urgent
    /// examples took most distress messages (66 of 80 of blind-distress.tsv on main 5ccaf4d). The refusal classifier's
    /// rows, labels and folds stay those of the examples, off-topic and article questions.
    /// </remarks>
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
        List<SafetyExample> notUrgent = [.. examples.Distress, .. examples.Calm];
        var training = new SemanticTraining(embedder.Encoder.ModelId, categories, rows, vectors, urgentLabels, refusalLabels);
        if (notUrgent.Count == 0 && answerable.Count == 0) return training;

        // The urgent classifier's own training even without distress or calm examples when there are articles' questions:
        // its word features' vocabulary (and so its trained-model cache key) must not read the articles' questions.
        var extra = notUrgent.Count == 0 ? [] : embedder.EmbedKnowledge([.. notUrgent.Select(r => r.Text)], EmbeddingKind.Query);
        training.Urgent = new SemanticTraining(embedder.Encoder.ModelId, categories, [.. rows.Take(urgentRows), .. notUrgent], [.. vectors.Take(urgentRows), .. extra],
            [.. urgentLabels, .. notUrgent.Select(_ => categories.Count)], [.. Enumerable.Repeat(0, urgentRows + notUrgent.Count)]);
        return training;
    }

    /// <summary>The articles' questions as protective rows (see <see cref="Prepare"/>), each named by its article's file.</summary>
    public static IReadOnlyList<SafetyExample> Answerable(IEnumerable<Articles.Article> articles) =>
        [.. articles.SelectMany(a => a.Questions.Select(q => new SafetyExample(q, SafetyExamples.Protective, $"{KnowledgeLoader.ArticlesFolder}/{a.Id}.md", 0)))];

    /// <summary>
    /// The urgency machine's settings (urgent against not urgent, each side weighing the same in total), chosen with
    /// <c>bothost kb eval --urgent knowledge/eval/dev-urgent.tsv --calibrate</c> (its settings and mixes: false alarms at
    /// the thresholds that keep the urgent examples and dev messages); null scores urgency with the category classifier's
    /// blend alone. Null on the example files of 2026-12-06 (the blend raised fewer false alarms at the same recall:
    /// cross-validated 0.060 against 0.076 to 0.085 for the machines alone; dev-urgent 0.196 against 0.250 to 0.286).
    /// With writer10's rows (examples/*-6.tsv, 2026-12-07) a machine reading the words beside the sentence vector (word
    /// features' cosine weighing 0.5), mixed with the blend (<see cref="UrgencyMix"/>), with the rules: cross-validated
    /// recall 0.988 -> 0.986, false alarms 0.099 -> 0.076 (near-miss normal examples 0.194 -> 0.150); dev-urgent recall
    /// 1.00, false alarms 0.268 -> 0.214 (the machines without words: false alarms 0.089 to 0.097).
    /// </summary>
    public static KernelMachine.Settings? UrgentSettings { get; } = new(Gamma: 2f, Cost: 16f, TextWeight: 0.5f);

    /// <summary>
    /// The urgent classifier fitted to some rows; null when those rows have no urgent example or nothing else. The category
    /// comes from an <see cref="ExampleClassifier"/> over every class; how urgent the message is, from a
    /// <see cref="KernelClassifier"/> of all urgent examples against everything else (each side weighing the same in
    /// total) when <paramref name="settings"/> are given.
    /// </summary>
    /// <param name="shareGram">Train through <see cref="Gram"/> (kept for further trainings, as a cross-validation's are);
    /// else build only the chosen rows' kernel and drop it after training.</param>
    /// <param name="notUrgentWeight">The weight of "not urgent" in the category classifier's linear model, as a multiple
    /// of all categories together (<see cref="NotUrgentWeight"/> unless <c>kb eval --calibrate</c> tries another).</param>
    /// <param name="hardWeight">The weight of a near-miss normal example (normal*.tsv) within "not urgent" in the linear model,
    /// as a multiple of any other not-urgent row's (<see cref="HardNegativeWeight"/> unless <c>kb eval --calibrate</c> tries another).</param>
    public UrgentModel? TrainUrgent(IEnumerable<int> rows, KernelMachine.Settings? settings, bool shareGram = false, float notUrgentWeight = NotUrgentWeight,
        float hardWeight = HardNegativeWeight)
    {
        var chosen = rows.ToList();
        if (Categories.Count == 0 || !chosen.Exists(i => UrgentLabels[i] == Categories.Count)) return null;
        // At weight 1, "not urgent" weighs as much as all categories together, so urgent and not urgent are equally likely a priori.
        float[] weights = [.. Categories.Select(_ => 1f), Categories.Count * notUrgentWeight];
        var categories = ExampleClassifier.Train([.. chosen.Select(i => Vectors[i])], [.. chosen.Select(i => UrgentLabels[i])], [.. chosen.Select(i => Rows[i])],
            Categories.Count + 1, weights, hardWeight == 1f ? null : [.. chosen.Select(i => IsHardNegative(i) ? hardWeight : 1f)]);
        if (settings is null) return new UrgentModel(categories, null);
        var positive = Enumerable.Range(0, Rows.Count).Select(i => i < UrgentLabels.Count && UrgentLabels[i] < Categories.Count).ToList();
        var urgent = chosen.Count(i => positive[i]);
        var rowWeights = new float[Rows.Count];
        foreach (var i in chosen) rowWeights[i] = chosen.Count / (2f * (positive[i] ? urgent : chosen.Count - urgent));
        return new UrgentModel(categories, Kernel(chosen, positive, rowWeights, settings, shareGram));
    }

    /// <summary>
    /// How much "not urgent" weighs in the urgent category classifier's linear model, as a multiple of all categories
    /// together; chosen with <c>bothost kb eval --urgent knowledge/eval/dev-urgent.tsv --calibrate</c> (its variants, each
    /// with its own suggested thresholds, OR-combined with the rules). 2 with <see cref="UrgentModelShare"/> 0.5, on the
    /// example files of 2026-12-07 (writer7's *-5.tsv): cross-validated recall 0.986 -> 0.985, false alarms 0.082 -> 0.071;
    /// dev-urgent recall 1.00, false alarms 0.232 -> 0.214 (weight 1 or 4, shares 0 to 1 and a margin over the nearest
    /// not-urgent example from -0.10 to 0.02 were tried; every margin lost recall or raised false alarms).
    /// </summary>
    public const float NotUrgentWeight = 2f;

    /// <summary>
    /// The urgency machine's share of the urgency score when <see cref="UrgentSettings"/> gives one (the rest is the
    /// category classifier's blend; 1 would score urgency with the machine alone). 0.7, chosen with
    /// <see cref="UrgentSettings"/> (0.3 and 0.5 tried: false alarms 0.084, 0.076 at recall 0.985).
    /// </summary>
    public const float UrgencyMix = 0.7f;

    /// <summary>
    /// How much a near-miss normal example (normal*.tsv: messages written against the urgent categories' words, which are
    /// not urgent) weighs within "not urgent" in the urgent category classifier's linear model, as a multiple of an everyday
    /// message, off-topic question, refusal, distress or calm example (the class's total weight stays the same).
    /// </summary>
    public const float HardNegativeWeight = 1f;

    /// <summary>Whether an urgent row is a near-miss normal example (from a normal*.tsv file).</summary>
    public bool IsHardNegative(int row) =>
        UrgentLabels[row] == Categories.Count && Path.GetFileName(Rows[row].File).StartsWith(Path.GetFileNameWithoutExtension(SafetyExamples.NormalFile), StringComparison.Ordinal);

    /// <summary>
    /// The linear model's share in the urgent category classifier's blend (the rest is the neighbours' vote); chosen with
    /// <see cref="NotUrgentWeight"/> (0.3, the category classifiers' default, before).
    /// </summary>
    public const float UrgentModelShare = 0.5f;

    /// <summary>
    /// The refusal detector's settings, chosen with <c>bothost kb eval --refusal knowledge/eval/dev-refusal.tsv --calibrate</c>
    /// (its table of settings: refuse examples kept, cross-validated, and dev requests refused, at the strictest threshold
    /// that refuses no protective example, article question or dev protective question).
    /// </summary>
    /// <remarks>
    /// With the word features' cosine (weight 0.5) added to the kernel since 2026-12-07 (refusal10): beside the pair machine
    /// (<see cref="PairSettings"/>), read by the one learned score, cross-validated requests refused 0.757 -> 0.776 against the
    /// sentence vectors alone (0.726 -> 0.759 without the pair machine) (see <see cref="RefusalModel.InUse"/>).
    /// </remarks>
    public static KernelMachine.Settings RefusalSettings { get; } = new(Gamma: 1f, Cost: 16f, TextWeight: 0.5f);

    /// <summary>
    /// How much more a protective question's mistakes cost than an everyday message's, in the refusal detector: a parent's
    /// or moderator's question refused is the failure to avoid, and they share their topic with the requests.
    /// </summary>
    public const float ProtectiveWeight = 3f;

    /// <summary>
    /// The Gram matrix of every row (cosines of all pairs), computed on first use and shared by the detectors and the
    /// trainings of a cross-validation.
    /// </summary>
    public KernelMachine.Gram Gram => _gram ??= new KernelMachine.Gram(Vectors, Texts);

    private KernelMachine.Gram? _gram;

    /// <summary>The Gram matrix with the pair machine's word features (<see cref="PairTexts"/>), its cosines of the vectors <see cref="Gram"/>'s.</summary>
    public KernelMachine.Gram PairGram => _pairGram ??= Gram.WithTexts(PairTexts);

    private KernelMachine.Gram? _pairGram;

    /// <summary>
    /// The refusal detector fitted to some rows: requests to refuse against everything else; null without both. The
    /// requests weigh as much in total as the rest, and among the rest a protective question weighs
    /// <paramref name="protectiveWeight"/> times an everyday message.
    /// </summary>
    /// <param name="shareGram">As for <see cref="TrainUrgent"/>.</param>
    public KernelClassifier? TrainRefusal(IEnumerable<int> rows, KernelMachine.Settings? settings = null, float protectiveWeight = ProtectiveWeight, bool shareGram = false)
    {
        var chosen = rows.ToList();
        var positive = RefusalLabels.Select(l => l == 1).ToList();
        var refuse = chosen.Count(i => positive[i]);
        var protective = chosen.Count(i => RefusalLabels[i] == 2);
        var others = chosen.Count - refuse - protective;
        var weights = new float[Rows.Count];
        var otherWeight = chosen.Count / (2f * Math.Max(1f, others + (protectiveWeight * protective)));
        foreach (var i in chosen)
        {
            weights[i] = positive[i] ? chosen.Count / (2f * Math.Max(1, refuse)) : RefusalLabels[i] == 2 ? protectiveWeight * otherWeight : otherWeight;
        }

        return Kernel(chosen, positive, weights, settings ?? RefusalSettings, shareGram);
    }

    /// <summary>
    /// The stance classifier's settings, chosen with <c>bothost kb eval --refusal knowledge/eval/dev-refusal.tsv --calibrate</c>
    /// (the one learned score's stance inputs: cross-validated requests refused at most 0.25% of the protective rows
    /// refused, no dev protective question). Words and the word classes of <see cref="AskerWords"/> (who acts on whom), a
    /// protective question's mistakes costing 4 times a request's: see <see cref="RefusalModel.InUse"/> for the figures.
    /// Words alone before (2026-12-06: 0.653 of the cross-validated requests refused by the stance AND the kernel's
    /// score; with the sentence vector too 0.622). Without the vector it stays a view independent of the kernel machine's.
    /// </summary>
    public static StanceClassifier.Settings StanceSettings { get; } = new(VectorWeight: 0f, ProtectiveWeight: 4f, Classes: true);

    /// <summary>The stance classifier fitted to the refuse and protective rows among <paramref name="rows"/>; null without both.</summary>
    public StanceClassifier? TrainStance(IEnumerable<int> rows, StanceClassifier.Settings? settings = null)
    {
        var chosen = rows.Where(i => RefusalLabels[i] != 0).ToList();
        if (!chosen.Exists(i => RefusalLabels[i] == 1) || !chosen.Exists(i => RefusalLabels[i] == 2)) return null;
        return StanceClassifier.Train([.. chosen.Select(i => Rows[i].Text)], [.. chosen.Select(i => Vectors[i])], [.. chosen.Select(i => RefusalLabels[i] == 1)],
            settings ?? StanceSettings);
    }

    /// <summary>
    /// The pair machine's settings: a kernel machine of the requests against the protective questions alone (everyday
    /// messages left out), the second view the one learned score reads beside the kernel machine of everything
    /// (<see cref="RefusalModel.Settings.Views"/>). Chosen with <c>bothost kb eval --refusal knowledge/eval/dev-refusal.tsv --calibrate</c>.
    /// </summary>
    /// <remarks>
    /// Since 2026-12-07 (refusal12) of kernel width 1 (2 before) over word features with a second block, the message's words
    /// read as their <see cref="AskerWords"/> classes (<see cref="PairClasses"/>): see <see cref="RefusalModel.InUse"/> for the figures.
    /// Its settings are then <see cref="RefusalSettings"/>'s, so a load's pair machine reads its rows' entries of the kernel
    /// machine's kernel (kept in <see cref="Kernels"/>) and adds only the class block's cosines (<see cref="PairBlocks"/>).
    /// </remarks>
    public static KernelMachine.Settings PairSettings { get; } = new(Gamma: 1f, Cost: 16f, TextWeight: 0.5f);

    /// <summary>
    /// Whether the pair machine's word features read the message's words as their <see cref="AskerWords"/> classes too
    /// (<see cref="PairText"/>): a second block of terms, beside the words, where "get a 12 year old" and "find an 11 yo"
    /// are the same "=acquire a =age-minor" and "my daughter" and "my son" the same "=mine =kin".
    /// </summary>
    public const bool PairClasses = true;

    /// <summary>How much more a protective question's mistakes cost than a request's in the pair machine (each class weighing the same in total at 1).</summary>
    public const float PairProtectiveWeight = 1f;

    /// <summary>The pair machine fitted to the refuse and protective rows among <paramref name="rows"/>; null without both.</summary>
    /// <param name="shareGram">As for <see cref="TrainUrgent"/>.</param>
    /// <param name="classes">Whether its word features read the words' classes too (<see cref="PairClasses"/>, <see cref="PairText"/>).</param>
    public KernelClassifier? TrainPair(IEnumerable<int> rows, KernelMachine.Settings? settings = null, float protectiveWeight = PairProtectiveWeight, bool shareGram = false,
        bool classes = PairClasses)
    {
        var chosen = rows.Where(i => RefusalLabels[i] != 0).ToList();
        var positive = RefusalLabels.Select(l => l == 1).ToList();
        var refuse = chosen.Count(i => positive[i]);
        if (refuse == 0 || refuse == chosen.Count) return null;
        var weights = new float[Rows.Count];
        foreach (var i in chosen)
        {
            weights[i] = positive[i] ? chosen.Count / (2f * refuse) : protectiveWeight * chosen.Count / (2f * (chosen.Count - refuse));
        }

        return Kernel(chosen, positive, weights, settings ?? PairSettings, shareGram, classes);
    }

    /// <summary>Out-of-fold pair machine scores for every row (the folds of <see cref="CrossValidateRefusal"/>).</summary>
    /// <param name="classes">As for <see cref="TrainPair"/>.</param>
    public IReadOnlyList<double?> CrossValidatePair(int folds, KernelMachine.Settings? settings = null, float protectiveWeight = PairProtectiveWeight, bool classes = PairClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double?[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            if (TrainPair(Enumerable.Range(0, Rows.Count).Where(i => i % folds != f), settings, protectiveWeight, shareGram: true, classes) is not { } model) continue;
            var texts = classes ? PairTexts : Texts;
            for (var i = fold; i < Rows.Count; i += folds) scores[i] = model.Score(Vectors[i], model.UsesText ? texts[i] : default);
        }

        return scores;
    }

    /// <summary>Out-of-fold stance scores for every row (the folds of <see cref="CrossValidateRefusal"/>).</summary>
    public IReadOnlyList<double?> CrossValidateStance(int folds, StanceClassifier.Settings? settings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double?[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            if (TrainStance(Enumerable.Range(0, Rows.Count).Where(i => i % folds != f), settings) is not { } model) continue;
            for (var i = fold; i < Rows.Count; i += folds) scores[i] = model.Score(Rows[i].Text, Vectors[i]);
        }

        return scores;
    }

    /// <param name="classes">Read the pair machine's word features (<see cref="PairTexts"/>) rather than <see cref="Texts"/>.</param>
    private KernelClassifier? Kernel(List<int> chosen, List<bool> positive, float[] weights, KernelMachine.Settings settings, bool shareGram, bool classes = false) => shareGram
        ? KernelClassifier.Train(classes ? PairGram : Gram, chosen, positive, weights, Rows, settings)
        : KernelClassifier.Train(Vectors, settings.TextWeight > 0 ? classes ? PairTexts : Texts : null, chosen, positive, weights, Rows, settings, Kernels,
            classes && Kernels is not null ? PairBlocks : null);

    /// <summary>
    /// While set, the kernels of this training's machines (not the Gram matrix's) are kept in it for later machines on some of
    /// the same rows (a knowledge load's out-of-fold trainings, <see cref="RefusalModel.OutOfFoldScores"/>); null otherwise.
    /// </summary>
    public KernelMachine.KernelStore? Kernels { get; set; }

    /// <summary>
    /// The key of the urgent detector trained on every row (<see cref="SemanticSafety"/>'s), for the <see cref="TrainedModelCache"/>:
    /// SHA-256 of the code's version, the model id, the urgent settings, the categories and every row of the urgent
    /// classifier (<see cref="Urgent"/>'s: the examples, off-topic questions, distress and calm examples; not the articles'
    /// questions) with its label, in order. See <see cref="Hash"/>.
    /// </summary>
    public byte[] UrgentKey() => Hash("bothost urgent model", add =>
    {
        add(UrgentSettings?.ToString() ?? "blend");
        add(new SoftmaxRegression.Settings().ToString());
        add(NotUrgentWeight.ToString("R", CultureInfo.InvariantCulture));
        add(HardNegativeWeight.ToString("R", CultureInfo.InvariantCulture));
        add(UrgencyMix.ToString("R", CultureInfo.InvariantCulture));
        add(string.Join('\u0001', Categories));
        add(UrgentLabels.Count.ToString(CultureInfo.InvariantCulture));
        add(Urgent.Rows.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var row in Urgent.Rows)
        {
            add(row.Label);
            add(row.Text);
        }
    });

    /// <summary>
    /// The key of the refusal detectors trained on every row (the kernel machines, stance classifier and one learned
    /// score), for the <see cref="TrainedModelCache"/>: SHA-256 of the code's version, the model id, their settings and
    /// every row of this training (the articles' questions included) with its label, in order. See <see cref="Hash"/>.
    /// </summary>
    public byte[] RefusalKey() => Hash("bothost refusal models", add =>
    {
        add(RefusalSettings.ToString());
        add(ProtectiveWeight.ToString("R", CultureInfo.InvariantCulture));
        add(StanceSettings.ToString());
        add(PairSettings.ToString());
        add(PairClasses ? "pair word classes" : "pair words");
        add(PairProtectiveWeight.ToString("R", CultureInfo.InvariantCulture));
        add(RefusalModel.InUse.ToString());
        add(RefusalModel.Folds.ToString(CultureInfo.InvariantCulture));
        add(Rows.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var row in Rows)
        {
            add(row.Label);
            add(row.Text);
        }
    });

    /// <summary>
    /// SHA-256 of a kind of model, the code's version (this assembly's module version id, which a deterministic build
    /// changes exactly when the code does), the model id and the vectors' length, then what <paramref name="body"/> adds,
    /// each value ended by a zero byte. The rows' vectors follow from the model id and the texts, as the vector cache's keys say.
    /// </summary>
    private byte[] Hash(string kind, Action<Action<string>> body) =>
        TrainedModelCache.Key(kind, ModelId, Vectors.Count == 0 ? 0 : Vectors[0].Length, body);

    /// <summary>The urgent detector of every row (as <see cref="TrainUrgent"/> fits it) around models read back from the cache.</summary>
    public UrgentModel RestoreUrgent(SoftmaxRegression categories, KernelMachine? urgency)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Classes != Categories.Count + 1) throw new InvalidDataException($"the cached category model has {categories.Classes} classes, not {Categories.Count + 1}");
        var all = Enumerable.Range(0, UrgentLabels.Count).ToList();
        var classifier = ExampleClassifier.Restore([.. all.Select(i => Vectors[i])], UrgentLabels, [.. all.Select(i => Rows[i])], categories);
        var positives = all.Where(i => UrgentLabels[i] < Categories.Count).ToList();
        return new UrgentModel(classifier, urgency is null ? null : KernelClassifier.Restore(urgency, Vectors, positives, Rows));
    }

    /// <summary>The refusal detector of every row (as <see cref="TrainRefusal"/> fits it) around a machine read back from the cache.</summary>
    public KernelClassifier RestoreRefusal(KernelMachine machine) =>
        KernelClassifier.Restore(machine, Vectors, [.. Enumerable.Range(0, RefusalLabels.Count).Where(i => RefusalLabels[i] == 1)], Rows);

    /// <summary>The pair machine of every row (as <see cref="TrainPair"/> fits it) around a machine read back from the cache.</summary>
    public KernelClassifier RestorePair(KernelMachine machine) => RestoreRefusal(machine);

    /// <summary>
    /// The urgent score is everything but "not urgent" (so a message between two categories still counts in full);
    /// the category is the urgent class with the highest score.
    /// </summary>
    /// <param name="text">The message's word features in the urgent training's vocabulary (read when the urgency machine weighs them).</param>
    /// <param name="mix">The urgency machine's share of the urgency score when there is one (the rest is the blend's).</param>
    public static ExampleVerdict UrgentVerdict(UrgentModel model, ReadOnlySpan<float> vector, IReadOnlyList<string> categories, SparseVector text = default,
        float mix = UrgencyMix)
    {
        var (scores, nearest) = model.Categories.ScoreWithNearest(vector, UrgentModelShare, s => BestCategory(s, categories.Count));
        var best = BestCategory(scores, categories.Count);
        var blend = 1 - scores[categories.Count];
        var urgency = model.Urgency is { } kernel ? (mix * kernel.Score(vector, text)) + ((1 - mix) * blend) : blend;
        return new ExampleVerdict(categories[best], urgency, nearest);
    }

    /// <summary>The urgent category with the highest score (the first on a tie).</summary>
    private static int BestCategory(float[] scores, int categories)
    {
        var best = 0;
        for (var k = 1; k < categories; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }

        return best;
    }

    /// <param name="stance">The stance classifier's score of the message, when there is one.</param>
    public static ExampleVerdict RefusalVerdict(KernelClassifier classifier, ReadOnlySpan<float> vector, SparseVector text, double? stance = null) =>
        new(SafetyExamples.Refuse, classifier.Score(vector, text), classifier.Nearest(vector)) { Stance = stance };

    /// <summary>Out-of-fold urgent verdicts for every row (rows i with i % folds == f are scored by a model trained without them).</summary>
    /// <param name="mix">As for <see cref="UrgentVerdict"/> (1: the urgency machine's score alone).</param>
    public IReadOnlyList<ExampleVerdict?> CrossValidateUrgent(int folds, KernelMachine.Settings? settings, float mix = UrgencyMix) =>
        CrossValidate(folds, UrgentLabels.Count, rows => TrainUrgent(rows, settings, shareGram: true),
            (c, i) => UrgentVerdict(c, Vectors[i], Categories, c.Urgency is { UsesText: true } ? Texts[i] : default, mix));

    /// <summary>Out-of-fold refusal verdicts for every row.</summary>
    public IReadOnlyList<ExampleVerdict?> CrossValidateRefusal(int folds, KernelMachine.Settings? settings = null, float protectiveWeight = ProtectiveWeight) =>
        CrossValidate(folds, RefusalLabels.Count, rows => TrainRefusal(rows, settings, protectiveWeight, shareGram: true), (c, i) => RefusalVerdict(c, Vectors[i], Texts[i]));

    /// <summary>
    /// Out-of-fold readings of every urgent row by the category classifier (for <c>kb eval --urgent --calibrate</c>'s
    /// variants): <paramref name="read"/> of the classifier trained without the row's fold and the row's vector.
    /// </summary>
    public IReadOnlyList<T?> CrossValidateUrgentReadings<T>(int folds, float notUrgentWeight, Func<ExampleClassifier, float[], T> read, float hardWeight = HardNegativeWeight)
        where T : class =>
        CrossValidate(folds, UrgentLabels.Count, rows => TrainUrgent(rows, null, notUrgentWeight: notUrgentWeight, hardWeight: hardWeight)?.Categories, (c, i) => read(c, Vectors[i]));

    /// <param name="count">The rows the classifier trains on (the first ones; the others' verdicts stay null).</param>
    private List<TResult?> CrossValidate<TModel, TResult>(int folds, int count, Func<IEnumerable<int>, TModel?> train, Func<TModel, int, TResult> score)
        where TModel : class
        where TResult : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var verdicts = new TResult?[Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var classifier = train(Enumerable.Range(0, count).Where(i => i % folds != f));
            if (classifier is null) continue;
            for (var i = fold; i < count; i += folds) verdicts[i] = score(classifier, i);
        }

        return [.. verdicts];
    }
}

/// <summary>The urgent detector: the category classifier, and the urgency machine when there is one.</summary>
internal sealed record UrgentModel(ExampleClassifier Categories, KernelClassifier? Urgency);
