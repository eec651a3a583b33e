using System.Globalization;
using System.Text;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// Fits the example detector's thresholds (<c>kb eval --urgent FILE --calibrate</c>, <c>kb eval --refusal FILE --calibrate</c>):
/// every example is scored by a model trained without it (<see cref="Folds"/>-fold cross-validation), the dev set's
/// messages by the model trained on all examples; for each category the table shows recall and false alarms by
/// threshold, and the suggested threshold is the highest that keeps <see cref="TargetRecall"/> of the urgent examples
/// and every urgent message of the dev set that the rules miss (the detectors are OR-combined). Blind sets are refused:
/// they measure, they never tune.
/// </summary>
public static class SafetyCalibration
{
    public const int Folds = 5;

    /// <summary>Share of the cross-validated urgent (or refuse) examples a suggested threshold must keep.</summary>
    public const double TargetRecall = 0.97;

    private static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05)];

    /// <summary>One scored message: true label (a category, "refuse", or null for neither), and the detector's verdict.</summary>
    /// <param name="Protective">A protective question (an example, an article's question or a dev message), never to be refused.</param>
    /// <param name="Where">The example's file and line, or the dev set's line.</param>
    /// <param name="Cued">The message has a protective cue (<see cref="RefusalRules.HasProtectiveCue"/>).</param>
    /// <param name="Index">The row of the training, or of the dev set.</param>
    /// <param name="Stance">The stance classifier's score of the message (<see cref="StanceClassifier"/>), when a variant reads it.</param>
    /// <param name="Hard">A near-miss normal example (normal*.tsv) of the urgent detector's rows.</param>
    private sealed record Scored(string? Truth, ExampleVerdict Verdict, bool FromDev, bool RulesCatch = false, bool Protective = false, string Where = "", bool Cued = false,
        int Index = -1, double Stance = 0, bool Hard = false);

    /// <summary>
    /// The settings <see cref="Urgent"/> measures, each a <see cref="Folds"/>-fold cross-validation: the grid's and then
    /// the settings in use (its <c>step</c> is called after each, for <c>kb eval</c>'s progress).
    /// </summary>
    public static int UrgentSteps => UrgentGrid.Length + 1 + NotUrgentWeights.Length + HardWeights.Length;

    /// <param name="step">Called after each of the <see cref="UrgentSteps"/> settings is measured (from the calling thread).</param>
    public static string Urgent(KnowledgeBase knowledge, IReadOnlyList<UrgentEvalCase> dev, Action? step = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(dev);
        if (knowledge.Embedder is null || knowledge.Safety.Examples is not { DetectsUrgent: true } examples) return "no urgent examples to calibrate (knowledge/examples/urgent.tsv)\n";
        var training = SemanticTraining.Prepare(knowledge.Snapshot.Examples, knowledge.Snapshot.OffTopic, SemanticTraining.Answerable(knowledge.Snapshot.Articles), knowledge.Embedder).Urgent;
        var rules = knowledge.Safety with { Detectors = SafetyDetectors.Rules };
        var rowRules = training.Rows.Take(training.UrgentLabels.Count).Select(r => rules.MatchUrgent(r.Text) is not null).ToList();
        var devRules = dev.Select(c => rules.MatchUrgent(c.Message) is not null).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"example detector, urgent: {Folds}-fold cross-validation over {training.Rows.Count} examples, plus {dev.Count} dev messages\n");
        text.Append("settings of the urgency score (kernel gamma and cost, or the category classifier's blend), each with its suggested thresholds, OR-combined with the rules:\n");
        var devVectors = dev.Select(c => MessageEmbedding.For(knowledge.Embedder.Encoder, c.Message).Vector.ToArray()).ToList();
        var machines = new List<(string Name, List<Scored> Scored)>();
        List<Scored> blendAlone = [];
        foreach (var settings in UrgentGrid)
        {
            var model = training.TrainUrgent(Enumerable.Range(0, training.UrgentLabels.Count), settings, shareGram: true);
            var candidate = ScoreUrgent(training, settings, dev, rowRules, devRules,
                model is null
                    ? []
                    : [.. devVectors.Select((v, d) => SemanticTraining.UrgentVerdict(model, v, training.Categories,
                        model.Urgency is { UsesText: true } ? training.Text.Vectorize(dev[d].Message) : default, mix: 1f))]);
            var thresholds = training.Categories.ToDictionary(c => c, c => Suggest([.. candidate.Where(s => s.Verdict.Label == c)], s => s.Truth is not null), StringComparer.Ordinal);
            var name = UrgentName(settings);
            if (settings is null) blendAlone = candidate;
            else machines.Add((name, candidate));
            text.Append(CultureInfo.InvariantCulture, $"  {name,-26}{(settings == SemanticTraining.UrgentSettings ? " (in use, mixed below)" : string.Empty)}");
            text.Append(Totals(candidate, s => s.Truth is not null, s => s.RulesCatch || s.Verdict.Score >= thresholds[s.Verdict.Label]));
            step?.Invoke();
        }

        var scored = ScoreUrgent(training, SemanticTraining.UrgentSettings, dev, rowRules, devRules, [.. dev.Select(c => examples.ScoreUrgent(c.Message))],
            SemanticTraining.UrgencyMix);
        step?.Invoke();
        text.Append('\n');
        text.Append("per predicted category: threshold  examples recall (urgent kept / predicted here)  normal false alarms  | dev recall  dev false alarms\n");
        var suggested = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var category in training.Categories)
        {
            var here = scored.Where(s => s.Verdict.Label == category).ToList();
            var threshold = Suggest(here, s => s.Truth is not null);
            suggested[category] = threshold;
            text.Append(CultureInfo.InvariantCulture, $"\n{category}: suggested threshold {threshold:0.00}\n");
            foreach (var t in Grid) text.Append(Row(t, here, s => s.Truth is not null, t == threshold));
        }

        text.Append("\nwith the suggested thresholds (examples alone):\n");
        text.Append(Totals(scored, s => s.Truth is not null, s => s.Verdict.Score >= suggested[s.Verdict.Label]));
        text.Append("with the suggested thresholds, OR-combined with the rules:\n");
        text.Append(Totals(scored, s => s.Truth is not null, s => s.RulesCatch || s.Verdict.Score >= suggested[s.Verdict.Label]));
        text.Append("with urgent.yaml's thresholds (examples alone):\n");
        text.Append(Totals(scored, s => s.Truth is not null,
            s => knowledge.Safety.Urgent?.Category(s.Verdict.Label) is { } c && s.Verdict.Score >= c.ExampleThreshold));
        UrgentMixes(training, blendAlone, machines, text);
        UrgentVariants(training, dev, devVectors, rowRules, devRules, text, step);
        text.Append("\nurgent.yaml, per category: threshold: ");
        text.Append(string.Join(", ", suggested.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00}"))));
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The refusal detector's settings that <c>kb eval --refusal --calibrate</c> compares (kernel width, cost, weight of a
    /// protective question); the detector uses <see cref="SemanticTraining.RefusalSettings"/>.
    /// </summary>
    private static readonly (float Gamma, float Cost, float Text)[] RefusalGrid =
        [.. from gamma in new[] { 0.5f, 1f, 2f, 4f } from text in new[] { 0f, 0.5f } from cost in new[] { 16f } select (gamma, cost, text)];

    /// <summary>
    /// The settings <see cref="Refusal"/> measures, each a <see cref="Folds"/>-fold cross-validation: the kernel machine's
    /// grid, the settings in use, the stance classifier's grid, then the one-score models' (its <c>step</c> is called after each).
    /// </summary>
    public static int RefusalSteps => RefusalGrid.Length + 1 + StanceGrid.Length + JointGrid.Length + JointStances.Length - 1 + AveragePairs.Length;

    /// <summary>The settings <see cref="Refusal"/> measures with <c>jointOnly</c>: the settings in use, then the one-score models' of the stance in use.</summary>
    public static int RefusalJointSteps => 1 + JointGrid.Length;

    /// <param name="step">Called after each of the <see cref="RefusalSteps"/> settings is measured (from the calling thread);
    /// <see cref="RefusalJointSteps"/> with <paramref name="jointOnly"/>.</param>
    /// <param name="jointOnly">Only the settings in use and the one-score table of <see cref="JointGrid"/> (<c>kb eval --joint-only</c>):
    /// no kernel machine grid, no stance grid, no other pair machines. The suggested thresholds are the same as the whole run's.</param>
    public static string Refusal(KnowledgeBase knowledge, IReadOnlyList<(string Message, bool Refuse)> dev, Action? step = null, bool jointOnly = false)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(dev);
        if (knowledge.Embedder is null || knowledge.Safety.Examples is not { DetectsRefusal: true } examples) return "no refusal examples to calibrate (knowledge/examples/refusal.tsv)\n";
        var training = SemanticTraining.Prepare(knowledge.Snapshot.Examples, knowledge.Snapshot.OffTopic, SemanticTraining.Answerable(knowledge.Snapshot.Articles), knowledge.Embedder);
        var rules = knowledge.Safety with { Detectors = SafetyDetectors.Rules };
        var devRules = dev.Select(d => rules.IsRefused(d.Message)).ToList();
        var devVectors = dev.Select(d => MessageEmbedding.For(knowledge.Embedder.Encoder, d.Message).Vector.ToArray()).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"example detector, refusal: {Folds}-fold cross-validation over {training.Rows.Count} examples, plus {dev.Count} dev messages\n");
        text.Append("settings (kernel gamma, cost, weight of the word features): at the strictest threshold refusing no protective example, article question or dev\n");
        text.Append("protective question the rules answer (and at most 1% of the other examples): refuse examples kept (cross-validated), dev requests refused (with the rules)\n");
        var devTexts = dev.Select(d => training.Text.Vectorize(d.Message)).ToList();
        var protective = SemanticTraining.ProtectiveWeight;
        foreach (var (gamma, cost, textWeight) in jointOnly ? [] : RefusalGrid)
        {
            var settings = new KernelMachine.Settings(gamma, cost, textWeight);
            var scored = ScoreRefusal(training, settings, protective, dev, devRules, null,
                training.TrainRefusal(Enumerable.Range(0, training.RefusalLabels.Count), settings, protective, shareGram: true) is { } model
                    ? [.. devVectors.Select((v, d) => SemanticTraining.RefusalVerdict(model, v, devTexts[d]))]
                    : []);
            var threshold = StrictestRefusal(scored);
            var examplesKept = Share(scored.Where(s => !s.FromDev && s.Truth is not null), s => s.Verdict.Score >= threshold);
            var devKept = Share(scored.Where(s => s.FromDev && s.Truth is not null), s => s.RulesCatch || s.Verdict.Score >= threshold);
            var chosen = settings == SemanticTraining.RefusalSettings;
            text.Append(CultureInfo.InvariantCulture,
                $"  gamma {gamma,4:0.#} cost {cost,4:0.#} words {textWeight,3:0.#}: threshold {threshold:0.000}  examples refused {examplesKept:0.000}  dev refused {devKept:0.000}{(chosen ? "   <- in use" : string.Empty)}\n");
            step?.Invoke();
        }

        var cue = knowledge.Safety.Refusal is { } refusalRules ? refusalRules.HasProtectiveCue : (Func<string, bool>?)null;
        var inUse = ScoreRefusal(training, SemanticTraining.RefusalSettings, SemanticTraining.ProtectiveWeight, dev, devRules, cue,
            [.. dev.Select(d => examples.ScoreRefusal(d.Message))]);
        step?.Invoke();
        var suggested = StrictestRefusal(inUse);
        text.Append("\nwith the settings in use: threshold  examples refused (refuse kept)  others refused (false refusals)  | dev refused  dev false refusals  | protective refused (examples, article questions)\n");
        foreach (var t in Grid.Append(suggested).Order())
        {
            var row = Row(t, inUse, s => s.Truth is not null, chosen: false);
            var protectiveRefused = inUse.Count(s => !s.FromDev && s.Protective && s.Verdict.Score >= t);
            text.Append(CultureInfo.InvariantCulture, $"{row.TrimEnd('\n')}  | {protectiveRefused,4}{(t == suggested ? "   <- suggested" : string.Empty)}\n");
        }

        text.Append("\nthe protective questions closest to a refusal (they set the threshold):\n");
        foreach (var s in inUse.Where(s => s.FromDev ? s.Truth is null && !s.RulesCatch : s.Protective).OrderByDescending(s => s.Verdict.Score).Take(8))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {s.Verdict.Score:0.000}  {s.Where}\n");
        }

        var quantile = ProtectiveQuantile(inUse, FalseRefusalCeiling);
        text.Append(CultureInfo.InvariantCulture, $"\nvariant: a quantile instead of the highest protective score (at most {FalseRefusalCeiling:P0} of cross-validated protective questions refused, none of the dev ones):\n");
        text.Append(Variant($"threshold {quantile:0.000}", inUse, s => s.Verdict.Score >= quantile));
        var uncued = cue is null ? double.NaN : UncuedThreshold(inUse, suggested, UncuedRefusalShare);
        var uncuedLoose = cue is null ? double.NaN : UncuedThreshold(inUse, suggested, 2 * UncuedRefusalShare);
        if (cue is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\nvariant: two stages: refused from {suggested:0.000}, or from a lower threshold when the message has no protective cue (a phrase of a refusal.yaml rule's none:)\n");
            text.Append(CultureInfo.InvariantCulture, $"  cue share: refuse examples {Share(inUse.Where(s => !s.FromDev && s.Truth is not null), s => s.Cued):0.000}, protective examples and article questions {Share(inUse.Where(s => !s.FromDev && s.Protective), s => s.Cued):0.000}, dev protective {Share(inUse.Where(s => s.FromDev && s.Protective), s => s.Cued):0.000}\n");
            foreach (var t in Grid.Where(t => t is > 0.25 and < 0.62).Append(uncued).Append(uncuedLoose).Distinct().Order())
            {
                var mark = t == uncued ? $" (<= {UncuedRefusalShare:P1}, suggested)" : t == uncuedLoose ? $" (<= {2 * UncuedRefusalShare:P1})" : string.Empty;
                text.Append(Variant($"uncued {t:0.000}{mark}", inUse,
                    s => s.Verdict.Score >= suggested || (!s.Cued && s.Verdict.Score >= t)));
            }
        }

        var stance = jointOnly ? null : Stance(training, dev, devVectors, inUse, suggested, text, step);
        var joint = Joint(training, dev, devVectors, inUse, suggested, text, step, cue, jointOnly);
        text.Append(CultureInfo.InvariantCulture, $"\nrefusal.yaml: example_threshold: {suggested:0.000}\n");
        if (cue is not null) text.Append(CultureInfo.InvariantCulture, $"refusal.yaml: uncued_threshold: {uncued:0.000} (two stages)\n");
        if (stance is var (from, at)) text.Append(CultureInfo.InvariantCulture, $"refusal.yaml: stance_from: {from:0.00}, stance_threshold: {at:0.00} (the asker's stance)\n");
        if (joint is { } jointThreshold) text.Append(CultureInfo.InvariantCulture, $"refusal.yaml: joint_threshold: {jointThreshold:0.000} (the one score)\n");
        return text.ToString();
    }

    /// <summary>The kernel machine's shares of the fixed averages in <see cref="JointGrid"/>.</summary>
    private static readonly float[] AverageKernelShares = [0.34f, 0.4f, 0.5f, 0.6f];

    /// <summary>The pair machine's shares of the fixed averages in <see cref="JointGrid"/> (the stance's is what the kernel's and the pair's leave).</summary>
    private static readonly float[] AveragePairShares = [0.15f, 0.2f, 0.25f, 0.3f, 0.4f];

    /// <summary>
    /// Steps from the fixed average in use (kernel machine's share, pair machine's) that <see cref="JointGrid"/> also measures:
    /// how flat its figure is around the weights chosen on the coarser grid.
    /// </summary>
    private static readonly (float Kernel, float Pair)[] AverageNeighbours = [(-0.05f, 0f), (0.05f, 0f), (0f, -0.05f), (0f, 0.05f), (-0.05f, 0.05f), (0.05f, -0.05f)];

    /// <summary>
    /// The one-score models <c>kb eval --refusal --calibrate</c> compares; the detector uses <see cref="RefusalModel.InUse"/>.
    /// The learned ones over the kernel machine's and the stance's scores (and the pair machine's, one view), then fixed
    /// averages of the three scores' log-odds (<see cref="RefusalModel.Settings.Fixed"/>): the kernel machine's share, the
    /// pair machine's, the stance's the rest. The learned models over the sentence vector, words, neighbourhood, word
    /// classes, cue or margin, other stance classifiers, kernel and pair machines, measured up to 2026-12-07, are in the
    /// remarks of <see cref="RefusalModel.InUse"/> and <see cref="SemanticTraining"/>'s settings.
    /// </summary>
    private static readonly RefusalModel.Settings[] JointGrid =
    [
        new(Vector: false, Words: false, Neighbours: false, Scores: true, TerseWeight: 2f),
        new(Vector: false, Words: false, Neighbours: false, Scores: true, TerseWeight: 2f, Views: 1),
        .. from kernel in AverageKernelShares
           from pair in AveragePairShares
           where kernel + pair <= 1f
           select new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1, KernelShare: kernel, ViewShare: pair),
        .. AverageNeighbours.Select(x => RefusalModel.InUse with { KernelShare = RefusalModel.InUse.KernelShare + x.Kernel, ViewShare = RefusalModel.InUse.ViewShare + x.Pair }),
    ];

    /// <summary>Shares of the cross-validated protective rows a one-score variant may refuse: none, or one in 400 (0.25%).</summary>
    private static readonly double[] JointProtectiveShares = [0, 0.0025];

    /// <summary>
    /// The stance classifiers whose scores the one-score models read: the one in use (<see cref="SemanticTraining.StanceSettings"/>;
    /// the others measured up to 2026-12-07 did worse with the one learned score, see its settings' remarks).
    /// </summary>
    private static StanceClassifier.Settings[] JointStances => [SemanticTraining.StanceSettings];

    /// <summary>
    /// The one-score variants (<see cref="RefusalModel"/>): cross-validated on the same folds as the kernel machine, the dev
    /// messages scored by the model of every row. For each model and each share of protective rows allowed, the lowest
    /// threshold at which the score, OR-combined with the kernel machine's strictest threshold (and alone), refuses at most
    /// that share of the cross-validated protective rows, at most <see cref="UncuedRefusalShare"/> of the other examples and
    /// no dev protective question the rules answer. Returns the threshold of the model in use, OR-combined, at 0.25%.
    /// </summary>
    /// <param name="cue">refusal.yaml's protective cue, for the variants that read it (skipped without it).</param>
    /// <param name="inUseOnly">Only the stance classifier in use, no other pair machine (<see cref="AveragePairs"/>).</param>
    private static double? Joint(SemanticTraining training, IReadOnlyList<(string Message, bool Refuse)> dev, List<float[]> devVectors, List<Scored> inUse, double high,
        StringBuilder text, Action? step, Func<string, bool>? cue, bool inUseOnly = false)
    {
        text.Append(CultureInfo.InvariantCulture, $"\nvariant: one score (learned: requests against every other row; or a fixed average of the scores' log-odds), OR-combined with example score {high:0.000}, and alone:\n");
        double? suggestion = null;
        var all = Enumerable.Range(0, training.Rows.Count).ToList();
        var pairRows = training.CrossValidatePair(Folds);
        var pairFull = training.TrainPair(all, shareGram: true);
        var pair = (Rows: pairRows, Dev: (IReadOnlyList<double>)[.. dev.Select((d, i) => pairFull?.Score(devVectors[i], pairFull.UsesText ? training.PairTextOf().Vectorize(d.Message) : default) ?? 0)]);
        foreach (var stanceSettings in inUseOnly ? [SemanticTraining.StanceSettings] : JointStances)
        {
            var stanceInUse = stanceSettings == SemanticTraining.StanceSettings;
            text.Append(CultureInfo.InvariantCulture,
                $" reading the stance of vector {stanceSettings.VectorWeight:0.#} protective weight {stanceSettings.ProtectiveWeight:0.#} L2 {stanceSettings.L2:0.###} word classes {(stanceSettings.Classes ? stanceSettings.Words ? "on" : "alone" : "off")}{(stanceInUse ? " (in use)" : string.Empty)}:\n");
            var grid = stanceInUse ? JointGrid : [RefusalModel.InUse];
            if (JointVariants(training, dev, devVectors, inUse, high, text, step, stanceSettings, grid, cue, pair) is { } threshold && stanceInUse) suggestion = threshold;
        }

        foreach (var (gamma, textWeight, cost, protective, classes) in inUseOnly ? [] : AveragePairs)
        {
            var machine = new KernelMachine.Settings(gamma, cost, textWeight);
            var rows = training.CrossValidatePair(Folds, machine, protective, classes);
            var full = training.TrainPair(all, machine, protective, shareGram: true, classes);
            text.Append(CultureInfo.InvariantCulture,
                $" the one score in use over another pair machine, gamma {gamma:0.#} words {textWeight:0.#} cost {cost:0.#} protective x{protective:0.#} word classes {(classes ? "on" : "off")}:\n");
            JointVariants(training, dev, devVectors, inUse, high, text, step, SemanticTraining.StanceSettings, [RefusalModel.InUse], cue,
                (rows, [.. dev.Select((d, i) => full?.Score(devVectors[i], full.UsesText ? training.PairTextOf(classes).Vectorize(d.Message) : default) ?? 0)]), pairInUse: false);
        }

        return suggestion;
    }

    /// <summary>
    /// Other pair machines (gamma, word features, cost, protective weight, whether the word features read the words'
    /// classes: <see cref="SemanticTraining.PairClasses"/>) whose scores <see cref="Joint"/> gives the fixed average in use in
    /// place of <see cref="SemanticTraining.PairSettings"/>'s: the one in use before refusal12 (gamma 2, no classes), gamma 1
    /// without the classes, gamma 2 with them.
    /// </summary>
    private static readonly (float Gamma, float Text, float Cost, float Protective, bool Classes)[] AveragePairs =
        [(2f, 0.5f, 16f, 1f, false), (1f, 0.5f, 16f, 1f, false), (2f, 0.5f, 16f, 1f, true)];

    /// <summary>
    /// How the one score in use spreads the cross-validated requests and protective rows near the top (the share of each
    /// from 0.5, 0.8 and 0.9), and the protective rows it scores highest (they set its threshold).
    /// </summary>
    private static void Tail(List<Scored> scored, StringBuilder text)
    {
        var requests = scored.Where(s => !s.FromDev && s.Truth is not null).ToList();
        var protective = scored.Where(s => !s.FromDev && s.Protective).ToList();
        foreach (var from in new[] { 0.5, 0.8, 0.9 })
        {
            text.Append(CultureInfo.InvariantCulture,
                $"    score >= {from:0.0}: requests {requests.Count(s => s.Stance >= from)}/{requests.Count}  protective {protective.Count(s => s.Stance >= from)}/{protective.Count}\n");
        }

        text.Append("    the protective rows it scores highest:\n");
        foreach (var s in protective.OrderByDescending(s => s.Stance).Take(10)) text.Append(CultureInfo.InvariantCulture, $"      {s.Stance:0.000}  {s.Where}\n");
    }

    /// <summary>The one-score variants of <paramref name="grid"/> over the scores of one stance classifier; the threshold of the model in use, OR-combined, at 0.25%.</summary>
    private static double? JointVariants(SemanticTraining training, IReadOnlyList<(string Message, bool Refuse)> dev, List<float[]> devVectors, List<Scored> inUse, double high,
        StringBuilder text, Action? step, StanceClassifier.Settings stanceSettings, RefusalModel.Settings[] grid, Func<string, bool>? cue,
        (IReadOnlyList<double?> Rows, IReadOnlyList<double> Dev) pair, bool pairInUse = true)
    {
        double? suggestion = null;
        // The kernel machine's and the stance's scores as features: cross-validated on the same folds for the rows (the
        // kernel's are inUse's), the models of every row for the dev messages.
        var stanceRows = training.CrossValidateStance(Folds, stanceSettings);
        var stanceFull = training.TrainStance(Enumerable.Range(0, training.Rows.Count), stanceSettings);
        var rowScores = new float[training.Rows.Count][];
        foreach (var s in inUse.Where(s => !s.FromDev)) rowScores[s.Index] = RefusalModel.ScoreFeatures(s.Verdict.Score, stanceRows[s.Index] ?? 0);
        for (var i = 0; i < rowScores.Length; i++) rowScores[i] ??= RefusalModel.ScoreFeatures(0, 0);
        var devFeatures = new float[dev.Count][];
        foreach (var s in inUse.Where(s => s.FromDev)) devFeatures[s.Index] = RefusalModel.ScoreFeatures(s.Verdict.Score, stanceFull?.Score(dev[s.Index].Message, devVectors[s.Index]) ?? 0);
        for (var i = 0; i < devFeatures.Length; i++) devFeatures[i] ??= RefusalModel.ScoreFeatures(0, 0);

        // With a further view (the pair machine in use, cross-validated on the same folds), for the settings that read it.
        float[][] rowViews = rowScores, devViews = devFeatures;
        if (grid.Any(g => g.Views > 0))
        {
            rowViews = [.. rowScores.Select((f, i) => (float[])[.. f, Logit(pair.Rows[i] ?? 0)])];
            devViews = [.. devFeatures.Select((f, i) => (float[])[.. f, Logit(pair.Dev[i])])];
        }

        foreach (var settings in grid)
        {
            if (settings.Cue && cue is null)
            {
                step?.Invoke();
                continue;
            }

            var features = settings.Views > 0 ? rowViews : rowScores;
            var rows = RefusalModel.CrossValidate(training, Folds, settings, features, cue);
            var trained = RefusalModel.Train(training, Enumerable.Range(0, training.Rows.Count), settings, shareGram: true, features, cue);
            step?.Invoke();
            if (trained is not { } full) continue;
            var devScores = dev.Select((d, i) => full.Score(d.Message, devVectors[i], settings.Scores ? (settings.Views > 0 ? devViews : devFeatures)[i] : default)).ToList();
            var scored = inUse.Select(s => s with { Stance = s.FromDev ? devScores[s.Index] : rows[s.Index] ?? 0 }).ToList();
            var inUseMark = settings == RefusalModel.InUse && stanceSettings == SemanticTraining.StanceSettings && pairInUse ? "   <- in use" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"  {settings.Name}, terms {full.Terms}{inUseMark}\n");
            foreach (var share in JointProtectiveShares)
            {
                foreach (var alone in new[] { false, true })
                {
                    var threshold = LowestJoint(scored, alone ? 2 : high, share);
                    text.Append(Variant(string.Create(CultureInfo.InvariantCulture, $"  <= {share:P2}{(alone ? " alone" : string.Empty)}: {threshold:0.000}"), scored,
                        s => (!alone && s.Verdict.Score >= high) || s.Stance >= threshold));
                    if (share > 0 && !alone && inUseMark.Length > 0) suggestion = threshold;
                }
            }

            if (inUseMark.Length > 0) Tail(scored, text);
        }

        return suggestion;
    }

    /// <summary>A score's log-odds as <see cref="RefusalModel.ScoreFeatures"/> gives a further view's.</summary>
    private static float Logit(double p) => RefusalModel.ScoreFeatures(0.5, 0.5, p)[^1];

    /// <summary>
    /// The lowest one-score threshold (in steps of 0.001, down from 0.999) at which the score OR an example score from
    /// <paramref name="high"/> refuses at most <paramref name="protectiveShare"/> of the cross-validated protective rows, at
    /// most <see cref="UncuedRefusalShare"/> of the other examples and no dev protective question the rules answer.
    /// </summary>
    private static double LowestJoint(List<Scored> scored, double high, double protectiveShare)
    {
        var protective = scored.Where(s => !s.FromDev && s.Protective).ToList();
        var others = scored.Where(s => !s.FromDev && s.Truth is null && !s.Protective).ToList();
        var dev = scored.Where(s => s.FromDev && s.Truth is null && !s.RulesCatch).ToList();
        var best = 0.999;
        for (var t = 0.999; t >= 0.01; t -= 0.001)
        {
            var at = Math.Round(t, 3);
            bool Refused(Scored s) => s.Verdict.Score >= high || s.Stance >= at;
            if (protective.Count(Refused) > protective.Count * protectiveShare || others.Count(Refused) > others.Count * UncuedRefusalShare || dev.Any(Refused)) break;
            best = at;
        }

        return best;
    }

    /// <summary>The stance classifiers <c>kb eval --refusal --calibrate</c> compares; the detector uses <see cref="SemanticTraining.StanceSettings"/>.</summary>
    private static readonly StanceClassifier.Settings[] StanceGrid =
        [new(ProtectiveWeight: 1f), new(VectorWeight: 0f, ProtectiveWeight: 1f), new(ProtectiveWeight: 2f), new(VectorWeight: 0f, ProtectiveWeight: 2f), new(ProtectiveWeight: 4f),
            new(VectorWeight: 0f, ProtectiveWeight: 2f, Classes: true)];

    /// <summary>Shares of the cross-validated protective rows a stance variant may refuse: none, or one in 400 (0.25%).</summary>
    private static readonly double[] StanceProtectiveShares = [0, 0.0025];

    /// <summary>
    /// The stance variants: a message is refused from the strictest threshold as before, or from a lower example score
    /// (stance_from) when the stance classifier, cross-validated on the same folds, reads it as a request (stance_threshold).
    /// For each setting of the classifier and each share of protective rows allowed, the pair that refuses the most
    /// cross-validated requests while refusing at most that share of protective rows, at most
    /// <see cref="UncuedRefusalShare"/> of the other examples and no dev protective question the rules answer. Returns the
    /// suggested pair of the settings in use with no protective row refused, or null when no pair adds a request.
    /// </summary>
    private static (double From, double Threshold)? Stance(SemanticTraining training, IReadOnlyList<(string Message, bool Refuse)> dev, List<float[]> devVectors,
        List<Scored> inUse, double high, StringBuilder text, Action? step)
    {
        text.Append(CultureInfo.InvariantCulture, $"\nvariant: the asker's stance (a classifier of requests against protective questions, words, opening and sentence vector), read from example score stance_from up to {high:0.000}:\n");
        (double From, double Threshold)? suggestion = null;
        foreach (var settings in StanceGrid)
        {
            var rows = training.CrossValidateStance(Folds, settings);
            var full = training.TrainStance(Enumerable.Range(0, training.Rows.Count), settings);
            step?.Invoke();
            if (full is null) continue;
            var devStance = dev.Select((d, i) => full.Score(d.Message, devVectors[i])).ToList();
            var scored = inUse.Select(s => s with { Stance = s.FromDev ? devStance[s.Index] : rows[s.Index] ?? 0 }).ToList();
            var pairs = scored.Where(s => !s.FromDev && s.Truth is not null).ToList();
            var protectiveRows = scored.Where(s => !s.FromDev && s.Protective).ToList();
            var separated = Share(pairs, s => s.Stance >= 0.5);
            var protectiveLow = Share(protectiveRows, s => s.Stance < 0.5);
            var inUseMark = settings == SemanticTraining.StanceSettings ? "   <- in use" : string.Empty;
            text.Append(CultureInfo.InvariantCulture,
                $"  vector {settings.VectorWeight:0.#} L2 {settings.L2:0.###} protective weight {settings.ProtectiveWeight:0.#}: cross-validated stance >= 0.5: requests {separated:0.000}, protective < 0.5: {protectiveLow:0.000}{inUseMark}\n");
            foreach (var share in StanceProtectiveShares)
            {
                var best = BestStance(scored, high, share);
                if (best is not var (from, at))
                {
                    text.Append(CultureInfo.InvariantCulture, $"    protective <= {share:P2}: no pair adds a request\n");
                    continue;
                }

                text.Append(Variant(string.Create(CultureInfo.InvariantCulture, $"  <= {share:P2}: from {from:0.00} stance {at:0.00}"), scored,
                    s => s.Verdict.Score >= high || (s.Verdict.Score >= from && s.Stance >= at)));
                if (share == 0 && settings == SemanticTraining.StanceSettings) suggestion = best;
            }
        }

        return suggestion;
    }

    /// <summary>The (stance_from, stance_threshold) pair of <see cref="Stance"/>, or null when none refuses more requests.</summary>
    private static (double From, double Threshold)? BestStance(List<Scored> scored, double high, double protectiveShare)
    {
        var examples = scored.Where(s => !s.FromDev).ToList();
        var refuse = examples.Where(s => s.Truth is not null).ToList();
        var protective = examples.Where(s => s.Protective).ToList();
        var others = examples.Where(s => s.Truth is null && !s.Protective).ToList();
        var dev = scored.Where(s => s.FromDev && s.Truth is null && !s.RulesCatch).ToList();
        var baseline = refuse.Count(s => s.Verdict.Score >= high);
        var baseProtective = protective.Count(s => s.Verdict.Score >= high);
        var baseOthers = others.Count(s => s.Verdict.Score >= high);
        (double From, double Threshold)? best = null;
        var bestKept = baseline;
        var froms = Enumerable.Range(10, 90).Select(i => Math.Round(i * 0.01, 2)).Where(f => f < high).ToList();
        var stances = Enumerable.Range(50, 50).Select(i => Math.Round(i * 0.01, 2)).ToList();
        foreach (var at in stances.OrderDescending())
        {
            foreach (var from in froms.OrderDescending())
            {
                bool Refused(Scored s) => s.Verdict.Score >= high || (s.Verdict.Score >= from && s.Stance >= at);
                if (protective.Count(Refused) - baseProtective > protective.Count * protectiveShare) break;
                if (others.Count(Refused) - baseOthers > others.Count * UncuedRefusalShare || dev.Any(Refused)) break;
                var kept = refuse.Count(Refused);
                if (kept > bestKept)
                {
                    bestKept = kept;
                    best = (Math.Round(from, 2), Math.Round(at, 2));
                }
            }
        }

        return best;
    }

    private static string UrgentName(KernelMachine.Settings? settings) => settings is null
        ? "blend"
        : string.Create(CultureInfo.InvariantCulture, $"gamma {settings.Gamma:0.#} cost {settings.Cost:0.#}{(settings.TextWeight > 0 ? $" words {settings.TextWeight:0.#}" : string.Empty)}");

    /// <summary>The urgency machine's shares of the urgency score that <see cref="UrgentMixes"/> tries.</summary>
    private static readonly float[] UrgencyMixes = [0.3f, 0.5f, 0.7f];

    /// <summary>
    /// The urgency score as a mix of the category classifier's blend (in use) and an urgency machine's score (each
    /// cross-validated on the same folds; the category stays the blend's), each with its suggested thresholds, OR-combined
    /// with the rules.
    /// </summary>
    private static void UrgentMixes(SemanticTraining training, List<Scored> blend, List<(string Name, List<Scored> Scored)> machines, StringBuilder text)
    {
        text.Append("\nvariants: the urgency score mixed from the blend alone and an urgency machine's (its share), each with its suggested thresholds, OR-combined with the rules:\n");
        foreach (var (name, machine) in machines)
        {
            if (machine.Count != blend.Count) continue;
            foreach (var mix in UrgencyMixes)
            {
                var scored = blend.Select((b, i) => b with { Verdict = b.Verdict with { Score = (mix * machine[i].Verdict.Score) + ((1 - mix) * b.Verdict.Score) } }).ToList();
                var thresholds = training.Categories.ToDictionary(c => c, c => Suggest([.. scored.Where(x => x.Verdict.Label == c)], x => x.Truth is not null), StringComparer.Ordinal);
                var inUse = name == UrgentName(SemanticTraining.UrgentSettings) && mix == SemanticTraining.UrgencyMix ? " (in use)" : string.Empty;
                text.Append(CultureInfo.InvariantCulture, $"  {name + string.Create(CultureInfo.InvariantCulture, $" mix {mix:0.0}"),-34}{inUse}");
                text.Append(Totals(scored, x => x.Truth is not null, x => x.RulesCatch || x.Verdict.Score >= thresholds[x.Verdict.Label]));
            }
        }
    }

    /// <summary>Weights of a near-miss normal example within "not urgent" that the variants try, with "not urgent" weighing <see cref="SemanticTraining.NotUrgentWeight"/> (see <see cref="SemanticTraining.HardNegativeWeight"/>).</summary>
    private static readonly float[] HardWeights = [2f, 4f];

    /// <summary>Weights of "not urgent" in the category classifier's linear model that the variants try (see <see cref="SemanticTraining.NotUrgentWeight"/>).</summary>
    private static readonly float[] NotUrgentWeights = [1f, 2f, 4f];

    /// <summary>The linear model's shares in the category classifier's blend that the variants try.</summary>
    private static readonly float[] UrgentShares = [0f, 0.15f, 0.3f, 0.5f, 0.7f, 1f];

    /// <summary>Margins over the nearest not-urgent example that the variants try (see <see cref="ExampleClassifier.Margin"/>).</summary>
    private static readonly float[] UrgentMargins = [-0.1f, -0.05f, -0.03f, -0.02f, -0.01f, 0f, 0.02f];

    /// <summary>One row's reading by the category classifier: its two parts per class and its margin over the nearest not-urgent example.</summary>
    private sealed record UrgentReading(float[] Model, float[] Vote, float Margin);

    /// <summary>
    /// The category classifier's variants (blend, without the kernel machine), each with its own suggested thresholds and
    /// OR-combined with the rules: the weight of "not urgent" in the linear model, the linear model's share in the blend,
    /// and (at the weight and share in use) a margin the nearest urgent example must keep over the nearest not-urgent one.
    /// </summary>
    private static void UrgentVariants(SemanticTraining training, IReadOnlyList<UrgentEvalCase> dev, List<float[]> devVectors, List<bool> rowRules, List<bool> devRules,
        StringBuilder text, Action? step)
    {
        var notUrgent = training.Categories.Count;
        UrgentReading Read(ExampleClassifier classifier, float[] vector)
        {
            var (model, vote) = classifier.Parts(vector);
            var margin = classifier.Margin(vector, notUrgent);
            return new UrgentReading(model, vote, float.IsNaN(margin) ? float.PositiveInfinity : margin);
        }

        Scored ToScored(string? truth, UrgentReading reading, float share, float margin, bool fromDev, bool rules, bool hard = false)
        {
            var best = 0;
            double Blend(int k) => (share * reading.Model[k]) + ((1 - share) * reading.Vote[k]);
            for (var k = 1; k < notUrgent; k++)
            {
                if (Blend(k) > Blend(best)) best = k;
            }

            var score = reading.Margin >= margin ? 1 - Blend(notUrgent) : 0;
            return new Scored(truth, new ExampleVerdict(training.Categories[best], score, null), fromDev, rules, Hard: hard);
        }

        text.Append("\nvariants of the category classifier's blend (weight of not urgent, share of the linear model, margin of the nearest urgent example over the\n");
        text.Append("nearest not-urgent one), each with its suggested thresholds, OR-combined with the rules:\n");
        var inUseHard = SemanticTraining.HardNegativeWeight;
        foreach (var (weight, hard) in NotUrgentWeights.Select(w => (w, inUseHard)).Concat(HardWeights.Where(h => h != inUseHard).Select(h => (SemanticTraining.NotUrgentWeight, h))))
        {
            var rows = training.CrossValidateUrgentReadings(Folds, weight, Read, hard);
            var full = training.TrainUrgent(Enumerable.Range(0, training.UrgentLabels.Count), null, notUrgentWeight: weight, hardWeight: hard)?.Categories;
            step?.Invoke();
            if (full is null) continue;
            var devReadings = devVectors.Select(v => Read(full, v)).ToList();
            var margins = weight == SemanticTraining.NotUrgentWeight && hard == inUseHard ? UrgentMargins.Prepend(float.NegativeInfinity) : [float.NegativeInfinity];
            foreach (var share in hard == inUseHard ? UrgentShares : [0.3f, SemanticTraining.UrgentModelShare, 0.7f])
            {
                foreach (var margin in share == SemanticTraining.UrgentModelShare ? margins : [float.NegativeInfinity])
                {
                    var scored = new List<Scored>();
                    for (var i = 0; i < training.UrgentLabels.Count; i++)
                    {
                        if (rows[i] is not { } reading) continue;
                        var label = training.Rows[i].Label;
                        scored.Add(ToScored(training.Categories.Contains(label) ? label : null, reading, share, margin, false, rowRules[i], training.IsHardNegative(i)));
                    }

                    scored.AddRange(devReadings.Select((r, d) => ToScored(dev[d].Category, r, share, margin, true, devRules[d])));
                    var thresholds = training.Categories.ToDictionary(c => c, c => Suggest([.. scored.Where(x => x.Verdict.Label == c)], x => x.Truth is not null), StringComparer.Ordinal);
                    var inUse = weight == SemanticTraining.NotUrgentWeight && hard == inUseHard && share == SemanticTraining.UrgentModelShare && float.IsNegativeInfinity(margin);
                    var name = string.Create(CultureInfo.InvariantCulture,
                        $"weight {weight:0}{(hard == 1f ? string.Empty : $" hard {hard:0}")} share {share:0.00}{(float.IsNegativeInfinity(margin) ? string.Empty : $" margin {margin:0.00}")}");
                    text.Append(CultureInfo.InvariantCulture, $"  {name,-34}{(inUse ? " (in use, before the mix)" : string.Empty)}");
                    text.Append(Totals(scored, x => x.Truth is not null, x => x.RulesCatch || x.Verdict.Score >= thresholds[x.Verdict.Label]));
                }
            }
        }
    }

    /// <summary>The urgency scores <c>kb eval --urgent --calibrate</c> compares: the category classifier's blend, and kernel machines.</summary>
    private static readonly KernelMachine.Settings?[] UrgentGrid =
        [null, new(Gamma: 2f, Cost: 16f), new(Gamma: 1f, Cost: 4f, TextWeight: 0.5f), new(Gamma: 2f, Cost: 16f, TextWeight: 0.5f), new(Gamma: 2f, Cost: 16f, TextWeight: 1f)];

    /// <summary>Cross-validated urgent verdicts on the examples and the given verdicts on the dev messages.</summary>
    /// <param name="mix">The urgency machine's share of the urgency score (1: the machine's score alone).</param>
    private static List<Scored> ScoreUrgent(SemanticTraining training, KernelMachine.Settings? settings, IReadOnlyList<UrgentEvalCase> dev,
        List<bool> rowRules, List<bool> devRules, IReadOnlyList<ExampleVerdict?> devVerdicts, float mix = 1f)
    {
        var folds = training.CrossValidateUrgent(Folds, settings, mix);
        var scored = new List<Scored>();
        for (var i = 0; i < training.UrgentLabels.Count; i++)
        {
            if (folds[i] is not { } verdict) continue;
            var label = training.Rows[i].Label;
            scored.Add(new Scored(training.Categories.Contains(label) ? label : null, verdict, false, rowRules[i], Hard: training.IsHardNegative(i)));
        }

        for (var d = 0; d < devVerdicts.Count; d++)
        {
            if (devVerdicts[d] is { } verdict) scored.Add(new Scored(dev[d].Category, verdict, true, devRules[d]));
        }

        return scored;
    }

    /// <summary>Cross-validated verdicts on the examples and the given verdicts on the dev messages, as <see cref="Scored"/> rows.</summary>
    private static List<Scored> ScoreRefusal(SemanticTraining training, KernelMachine.Settings settings, float protective,
        IReadOnlyList<(string Message, bool Refuse)> dev, List<bool> devRules, Func<string, bool>? cue, IReadOnlyList<ExampleVerdict?> devVerdicts)
    {
        var folds = training.CrossValidateRefusal(Folds, settings, protective);
        cue ??= _ => false;
        var scored = new List<Scored>();
        for (var i = 0; i < training.Rows.Count; i++)
        {
            if (folds[i] is not { } verdict) continue;
            var label = training.Rows[i].Label;
            scored.Add(new Scored(label == SafetyExamples.Refuse ? SafetyExamples.Refuse : null, verdict, false, Protective: label == SafetyExamples.Protective,
                Where: training.Rows[i].Line > 0 ? training.Rows[i].Location : $"{training.Rows[i].File}: {training.Rows[i].Text}", Cued: cue(training.Rows[i].Text), Index: i));
        }

        for (var d = 0; d < devVerdicts.Count; d++)
        {
            if (devVerdicts[d] is { } verdict) scored.Add(new Scored(dev[d].Refuse ? SafetyExamples.Refuse : null, verdict, true, devRules[d], !dev[d].Refuse, $"dev: {dev[d].Message}", cue(dev[d].Message), d));
        }

        return scored;
    }

    /// <summary>
    /// Share of the cross-validated protective examples and article questions (and of the other examples) that the suggested
    /// uncued threshold may refuse: 0.5%, about 4 of the 890 protective rows of 2026-12-06. Zero would take the single
    /// highest-scoring row's score (the rule that held recall near one half); the dev protective questions must all still
    /// be answered.
    /// </summary>
    public const double UncuedRefusalShare = 0.005;

    /// <summary>
    /// The lowest threshold (in steps of 0.001, down from <paramref name="high"/>) at which messages with no protective cue,
    /// refused from it (and every message from <paramref name="high"/>), refuse at most <paramref name="share"/> of the
    /// cross-validated protective rows and of the other examples, and no dev protective question the rules answer.
    /// </summary>
    private static double UncuedThreshold(List<Scored> scored, double high, double share)
    {
        var protective = scored.Where(s => !s.FromDev && s.Protective).ToList();
        var others = scored.Where(s => !s.FromDev && s.Truth is null && !s.Protective).ToList();
        var dev = scored.Where(s => s.FromDev && s.Truth is null && !s.RulesCatch).ToList();
        var best = high;
        for (var t = high; t >= 0.05; t -= 0.001)
        {
            var at = Math.Round(t, 3);
            bool Refused(Scored s) => s.Verdict.Score >= high || (!s.Cued && s.Verdict.Score >= at);
            if (protective.Count(Refused) > protective.Count * share || others.Count(Refused) > others.Count * share || dev.Any(Refused)) break;
            best = at;
        }

        return best;
    }

    /// <summary>
    /// The lowest threshold at which at most <paramref name="share"/> of the cross-validated protective examples and article
    /// questions are refused and no dev protective question the rules answer.
    /// </summary>
    private static double ProtectiveQuantile(List<Scored> scored, double share)
    {
        var dev = scored.Where(s => s.FromDev && s.Truth is null && !s.RulesCatch).Select(s => s.Verdict.Score).DefaultIfEmpty(0).Max();
        var protective = scored.Where(s => !s.FromDev && s.Protective).Select(s => s.Verdict.Score).OrderDescending().ToList();
        var allowed = (int)Math.Floor(protective.Count * share);
        var ceiling = allowed < protective.Count ? protective[allowed] : 0;
        return Math.Min(Math.Floor(Math.Max(dev, ceiling) * 1000 + 1) / 1000, 0.999);
    }

    /// <summary>One variant's line: cross-validated refuse examples kept, protective and other examples refused; dev requests refused (with the rules) and dev false refusals.</summary>
    private static string Variant(string name, List<Scored> scored, Func<Scored, bool> refused)
    {
        var examples = scored.Where(s => !s.FromDev).ToList();
        var refuse = examples.Where(s => s.Truth is not null).ToList();
        var protective = examples.Where(s => s.Protective).ToList();
        var others = examples.Where(s => s.Truth is null && !s.Protective).ToList();
        var dev = scored.Where(s => s.FromDev).ToList();
        var devRefuse = dev.Where(s => s.Truth is not null).ToList();
        var devAnswer = dev.Where(s => s.Truth is null).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"  {name,-22} examples refused {refuse.Count(refused)}/{refuse.Count} ({Share(refuse, refused):0.000})  protective refused {protective.Count(refused)}/{protective.Count}  others refused {others.Count(refused)}/{others.Count}  | dev refused {devRefuse.Count(s => s.RulesCatch || refused(s))}/{devRefuse.Count}  dev false refusals {devAnswer.Count(s => !s.RulesCatch && refused(s))}/{devAnswer.Count}\n");
    }

    private static double Share(IEnumerable<Scored> rows, Func<Scored, bool> kept)
    {
        var list = rows.ToList();
        return list.Count == 0 ? double.NaN : list.Count(kept) / (double)list.Count;
    }

    /// <summary>
    /// The lowest threshold (in steps of 0.001) at which no protective question is refused (no dev message that must be
    /// answered, unless the rules refuse it anyway, and no cross-validated protective example or article question) and at
    /// most <see cref="FalseRefusalCeiling"/> of the other examples are: a protective question refused is the failure to avoid.
    /// </summary>
    private static double StrictestRefusal(List<Scored> scored)
    {
        var protective = scored.Where(s => (s.FromDev ? s.Truth is null && !s.RulesCatch : s.Protective)).Select(s => s.Verdict.Score).DefaultIfEmpty(0).Max();
        var others = scored.Where(s => !s.FromDev && s.Truth is null).Select(s => s.Verdict.Score).OrderDescending().ToList();
        var allowed = (int)Math.Floor(others.Count * FalseRefusalCeiling);
        var ceiling = allowed < others.Count ? others[allowed] : 0;
        var threshold = Math.Floor(Math.Max(protective, ceiling) * 1000 + 1) / 1000;
        return Math.Min(threshold, 0.999);
    }

    /// <summary>The highest grid threshold keeping <see cref="TargetRecall"/> of the positive examples and all positive dev messages.</summary>
    private static double Suggest(List<Scored> scored, Func<Scored, bool> positive)
    {
        var best = Grid[0];
        foreach (var t in Grid)
        {
            var examples = scored.Where(s => !s.FromDev && positive(s)).ToList();
            var dev = scored.Where(s => s.FromDev && !s.RulesCatch && positive(s)).ToList();
            var recall = examples.Count == 0 ? 1 : examples.Count(s => s.Verdict.Score >= t) / (double)examples.Count;
            if (recall >= TargetRecall && dev.All(s => s.Verdict.Score >= t)) best = t;
        }

        return best;
    }

    /// <summary>Share of cross-validated examples that must be answered which a suggested refusal threshold may refuse.</summary>
    public const double FalseRefusalCeiling = 0.01;

    private static string Row(double t, List<Scored> scored, Func<Scored, bool> positive, bool chosen)
    {
        string Part(bool fromDev)
        {
            var set = scored.Where(s => s.FromDev == fromDev).ToList();
            var pos = set.Count(positive);
            var kept = set.Count(s => positive(s) && s.Verdict.Score >= t);
            var alarms = set.Count(s => !positive(s) && s.Verdict.Score >= t);
            return string.Create(CultureInfo.InvariantCulture, $"{kept,4}/{pos,-4} {alarms,4} false");
        }

        return string.Create(CultureInfo.InvariantCulture, $"  {t:0.00}  {Part(false)}  | {Part(true)}{(chosen ? "   <- suggested" : string.Empty)}\n");
    }

    private static string Totals(List<Scored> scored, Func<Scored, bool> positive, Func<Scored, bool> fires)
    {
        string Part(bool fromDev)
        {
            var set = scored.Where(s => s.FromDev == fromDev).ToList();
            var pos = set.Where(positive).ToList();
            var neg = set.Where(s => !positive(s)).ToList();
            var recall = pos.Count == 0 ? double.NaN : pos.Count(fires) / (double)pos.Count;
            var fp = neg.Count == 0 ? double.NaN : neg.Count(fires) / (double)neg.Count;
            var hard = neg.Where(s => s.Hard).ToList();
            var hardText = hard.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (near-miss normal {hard.Count(fires) / (double)hard.Count:0.000})");
            return string.Create(CultureInfo.InvariantCulture, $"recall {recall:0.000} false alarms {fp:0.000}{hardText}");
        }

        return $"  examples (cross-validated): {Part(false)}; dev: {Part(true)}\n";
    }
}
