using System.Globalization;
using System.Text;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// One line of a file <c>kb eval --distress</c> reads: <c>message TAB distress</c>, <c>message TAB calm</c>, or an urgent
/// eval line (<c>message TAB urgent TAB category</c>, <c>message TAB normal</c>).
/// </summary>
public sealed record DistressEvalCase(string Message, string Label, int Line)
{
    public const string Distress = "distress";
    public const string Calm = "calm";
    public const string Urgent = "urgent";
    public const string Normal = "normal";

    /// <summary>A message nobody should get lines to talk to for: calm or normal.</summary>
    public bool IsQuiet => Label is Calm or Normal;
}

/// <summary>
/// How the distress safety net does (<c>kb eval --distress FILE</c>, issue #13 item 5): on its own examples, each scored
/// by a detector trained without it (<see cref="SafetyCalibration.Folds"/>-fold cross-validation), the share of
/// distress messages it catches and of calm, normal and everyday ones it fires on; on the file, its distress messages
/// the bot answers with lines to talk to (the net, or the urgent check), its calm and normal messages the net answers
/// (false alarms), its urgent messages the urgent check misses that the net catches; and how many answers to members read
/// as at risk (the net's, and the urgent check's on distress and urgent messages) would quote an article for people
/// worried about their own thoughts (misroutes, which must be 0).
/// </summary>
public sealed record DistressEvalReport
{
    public required double Threshold { get; init; }

    public required int DistressExamples { get; init; }

    /// <summary>Cross-validated: distress examples at or above the threshold.</summary>
    public required double DistressExamplesCaught { get; init; }

    public required int CalmExamples { get; init; }

    public required double CalmExamplesFired { get; init; }

    /// <summary>The normal and everyday examples.</summary>
    public required int OtherExamples { get; init; }

    public required double OtherExamplesFired { get; init; }

    public required int DistressCases { get; init; }

    /// <summary>The file's distress messages given lines to talk to (by the net or the urgent check); null without any.</summary>
    public required double? DistressRecall { get; init; }

    /// <summary>Of those, the ones the urgent check took (urgent help rather than the net's reply).</summary>
    public required int DistressTakenAsUrgent { get; init; }

    public required int QuietCases { get; init; }

    /// <summary>The file's calm and normal messages the urgent check fires on (its false alarms, counted here for context).</summary>
    public required int QuietTakenAsUrgent { get; init; }

    /// <summary>The file's calm and normal messages the net answers (not urgent, read as distress); null without any.</summary>
    public required double? FalseAlarmRate { get; init; }

    public required int UrgentCases { get; init; }

    /// <summary>The file's urgent messages the urgent check misses.</summary>
    public required int UrgentMissed { get; init; }

    /// <summary>Of <see cref="UrgentMissed"/>, those the net answers (private, with lines to talk to).</summary>
    public required int UrgentCaught { get; init; }

    /// <summary>
    /// Distress examples and the file's messages read as at risk whose answer quotes an own-thoughts article: those the net
    /// answers, and its distress and urgent messages the urgent check takes (their urgent reply carries the same answer).
    /// </summary>
    public required int Misroutes { get; init; }

    /// <summary>
    /// The file's lines the net did not answer as labelled: distress messages it left to the urgent check or to nothing,
    /// calm and normal messages it answered (eval messages are written for the file, not member text).
    /// </summary>
    public required IReadOnlyList<UrgentEvalMiss> Misses { get; init; }

    public const double RecallTarget = 0.90;
    public const double FalseAlarmTarget = 0.05;

    public IReadOnlyList<string> Failures(double recallFloor = RecallTarget, double falseAlarmCeiling = FalseAlarmTarget)
    {
        var failures = new List<string>();
        if (Misroutes > 0) failures.Add(string.Create(CultureInfo.InvariantCulture, $"misroutes {Misroutes} > 0 (a message read as distress answered with an own-thoughts article)"));
        if (DistressRecall < recallFloor) failures.Add(string.Create(CultureInfo.InvariantCulture, $"distress_recall {DistressRecall:0.000} < {recallFloor:0.000}"));
        if (FalseAlarmRate > falseAlarmCeiling) failures.Add(string.Create(CultureInfo.InvariantCulture, $"false_alarm_rate {FalseAlarmRate:0.000} > {falseAlarmCeiling:0.000}"));
        return failures;
    }

    /// <param name="showMisses">False for blind sets: their lines are measured, never read to tune.</param>
    public string ToText(bool showMisses = true) => (showMisses
        ? string.Concat(Misses.Select(m => string.Create(CultureInfo.InvariantCulture, $"miss line {m.Line}\t{m.Message}\texpected={m.Expected}\tgot={m.Got}\n")))
        : Misses.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Misses.Count} misses (not shown: a blind set is measured, never read to tune)\n") : string.Empty)
        + string.Create(CultureInfo.InvariantCulture,
        $"""
        distress safety net at threshold {Threshold:0.00}
        examples, cross-validated ({SafetyCalibration.Folds} folds): distress={DistressExamples} caught={DistressExamplesCaught:0.000}; calm={CalmExamples} fired={CalmExamplesFired:0.000}; normal+everyday={OtherExamples} fired={OtherExamplesFired:0.000}
        file: distress={DistressCases} quiet={QuietCases} urgent={UrgentCases}
        distress_recall={Format(DistressRecall)} (given lines to talk to; {DistressTakenAsUrgent} by the urgent check) false_alarm_rate={Format(FalseAlarmRate)} (calm and normal messages the net answers; the urgent check fires on {QuietTakenAsUrgent})
        urgent messages the urgent check misses: {UrgentMissed}, caught by the net: {UrgentCaught}
        misroutes={Misroutes} (answers to messages read as distress, or labelled distress or urgent and read as urgent, quoting an own-thoughts article)

        """);

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>Reads distress eval files, runs <see cref="DistressEvalReport"/> and the threshold table of <c>--calibrate</c>.</summary>
public static class DistressEvaluator
{
    /// <summary>Share of the cross-validated distress examples the suggested threshold must keep.</summary>
    public const double TargetRecall = 0.90;

    private static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05)];

    /// <summary><c>kb eval --distress FILE --json</c>: the figures as the text names them (distress_recall, false_alarm_rate, ...), and the misses.</summary>
    public static string ToJson(DistressEvalReport report) => System.Text.Json.JsonSerializer.Serialize(report, EvalJsonContext.Default.DistressEvalReport);

    /// <summary>The parts of <see cref="Calibrate"/>: the cross-validation, each threshold of its table, then each variant's cross-validation.</summary>
    public static int CalibrateSteps => 1 + Grid.Length + VariantClasses.Length + MachineGrid.Length;

    /// <summary>The kernel machines whose scores <see cref="Calibrate"/>'s variants mix into the in-use blend (see <see cref="DistressTraining.MachineSettings"/>).</summary>
    private static readonly KernelMachine.Settings[] MachineGrid =
        [new(Gamma: 2f, Cost: 16f), new(Gamma: 2f, Cost: 16f, TextWeight: 0.5f), new(Gamma: 1f, Cost: 4f, TextWeight: 0.5f)];

    /// <summary>The machine's shares of the distress score that the variants try.</summary>
    private static readonly float[] MachineMixes = [0.3f, 0.5f, 0.7f, 1f];

    /// <summary>The calm examples' handling that <see cref="Calibrate"/>'s variants try: with the normal ones, or a class of its own of the given weight.</summary>
    private static readonly (bool CalmClass, float CalmWeight)[] VariantClasses = [(false, 1f), (true, 1f), (true, 2f), (true, 4f)];

    /// <summary>The linear model's shares in the blend that <see cref="Calibrate"/>'s variants try.</summary>
    private static readonly float[] VariantShares = [0f, 0.15f, 0.3f, 0.5f, 0.7f, 1f];

    public static (IReadOnlyList<DistressEvalCase> Cases, IReadOnlyList<string> Errors) Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new List<DistressEvalCase>();
        var errors = new List<string>();
        foreach (var (i, parts) in EvalSetReader.DataLines(text))
        {
            var label = parts.Length > 1 ? parts[1].Trim() : string.Empty;
            var valid = label is DistressEvalCase.Distress or DistressEvalCase.Calm or DistressEvalCase.Normal
                || (label == DistressEvalCase.Urgent && parts.Length > 2 && parts[2].Trim().Length > 0);
            if (string.IsNullOrWhiteSpace(parts[0]) || !valid)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{file}:{i + 1}: error: expected 'message<TAB>distress', 'message<TAB>calm', 'message<TAB>urgent<TAB>category' or 'message<TAB>normal'"));
                continue;
            }

            cases.Add(new DistressEvalCase(parts[0].Trim(), label, i + 1));
        }

        return (cases, errors);
    }

    /// <summary>Null when the knowledge base has no distress net (no encoder, no distress examples or no <c>distress:</c> in urgent.yaml).</summary>
    public static DistressEvalReport? Run(KnowledgeBase knowledge, IReadOnlyList<DistressEvalCase> cases)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(cases);
        if (CrossValidated(knowledge) is not { } scored) return null;
        var safety = knowledge.Safety;
        var threshold = safety.Urgent!.Distress!.Threshold;
        var (distress, calm, other) = Split(knowledge, scored);
        double Caught(List<(SafetyExample Row, double Score)> rows) => rows.Count == 0 ? 0 : rows.Count(s => s.Score >= Effective(knowledge, s.Row.Text, threshold)) / (double)rows.Count;

        var net = cases.Select(c => safety.MatchDistress(c.Message) is not null).ToList();
        var urgent = cases.Select(c => safety.MatchUrgent(c.Message) is not null).ToList();
        var distressCases = Enumerable.Range(0, cases.Count).Where(i => cases[i].Label == DistressEvalCase.Distress).ToList();
        var quiet = Enumerable.Range(0, cases.Count).Where(i => cases[i].IsQuiet).ToList();
        var missed = Enumerable.Range(0, cases.Count).Where(i => cases[i].Label == DistressEvalCase.Urgent && !urgent[i]).ToList();
        var misses = Enumerable.Range(0, cases.Count)
            .Where(i => (cases[i].Label == DistressEvalCase.Distress && !net[i]) || (cases[i].IsQuiet && net[i]))
            .Select(i => new UrgentEvalMiss(cases[i].Line, cases[i].Message, cases[i].Label,
                net[i] ? DistressEvalCase.Distress : safety.MatchUrgent(cases[i].Message) is { } match ? $"urgent {match.Category.Id}" : "none"))
            .ToList();
        // A distress message the urgent check takes gets the urgent reply, which quotes the same answer as the net's would.
        var answered = knowledge.Snapshot.Examples.Distress.Select(e => e.Text).Concat(Enumerable.Range(0, cases.Count)
            .Where(i => net[i] || (urgent[i] && cases[i].Label is DistressEvalCase.Distress or DistressEvalCase.Urgent)).Select(i => cases[i].Message));
        return new DistressEvalReport
        {
            Threshold = threshold,
            DistressExamples = distress.Count,
            DistressExamplesCaught = Caught(distress),
            CalmExamples = calm.Count,
            CalmExamplesFired = Caught(calm),
            OtherExamples = other.Count,
            OtherExamplesFired = Caught(other),
            DistressCases = distressCases.Count,
            DistressRecall = distressCases.Count == 0 ? null : distressCases.Count(i => net[i] || urgent[i]) / (double)distressCases.Count,
            DistressTakenAsUrgent = distressCases.Count(i => urgent[i]),
            QuietCases = quiet.Count,
            QuietTakenAsUrgent = quiet.Count(i => urgent[i]),
            FalseAlarmRate = quiet.Count == 0 ? null : quiet.Count(i => net[i]) / (double)quiet.Count,
            UrgentCases = cases.Count(c => c.Label == DistressEvalCase.Urgent),
            UrgentMissed = missed.Count,
            UrgentCaught = missed.Count(i => net[i]),
            Misroutes = Misroutes(knowledge, answered),
            Misses = misses,
        };
    }

    /// <summary>
    /// The cross-validated rates by threshold (the examples only: never a file, so never a blind set), and the highest
    /// threshold that keeps <see cref="TargetRecall"/> of the distress examples.
    /// </summary>
    /// <param name="step">
    /// Called after each of the <see cref="CalibrateSteps"/> parts (the cross-validation, then each threshold of the table),
    /// for <c>kb eval</c>'s progress.
    /// </param>
    public static string Calibrate(KnowledgeBase knowledge, Action? step = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (CrossValidated(knowledge) is not { } scored) return "no distress net to calibrate (knowledge/examples/distress*.tsv and urgent.yaml distress:)\n";
        step?.Invoke();
        var (distress, calm, other) = Split(knowledge, scored);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"distress net, cross-validated ({SafetyCalibration.Folds} folds): distress={distress.Count} calm={calm.Count} normal+everyday={other.Count}\n");
        text.Append("threshold  distress_caught  calm_fired  normal_everyday_fired\n");
        double? suggested = null;
        foreach (var t in Grid)
        {
            double Rate(List<(SafetyExample Row, double Score)> rows) => rows.Count == 0 ? 0 : rows.Count(s => s.Score >= Effective(knowledge, s.Row.Text, t)) / (double)rows.Count;
            var recall = Rate(distress);
            if (recall >= TargetRecall) suggested = t;
            text.Append(CultureInfo.InvariantCulture, $"{t,9:0.00}  {recall,15:0.000}  {Rate(calm),10:0.000}  {Rate(other),21:0.000}\n");
            step?.Invoke();
        }

        text.Append(suggested is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"suggested distress.threshold: {s:0.00} (the highest keeping {TargetRecall:0.00} of the distress examples)\n")
            : string.Create(CultureInfo.InvariantCulture, $"no threshold keeps {TargetRecall:0.00} of the distress examples\n"));
        Variants(knowledge, text, step);
        return text.ToString();
    }

    /// <summary>
    /// The detector's variants, cross-validated on the examples only: the calm examples as one class with the normal and
    /// everyday ones or as a class of their own, and the linear model's share in the blend; each at the highest threshold
    /// (steps of 0.01) keeping <see cref="TargetRecall"/> of the distress examples.
    /// </summary>
    private static void Variants(KnowledgeBase knowledge, StringBuilder text, Action? step)
    {
        var training = DistressTraining.Prepare(knowledge.Snapshot.Examples, knowledge.Embedder!)!;
        text.Append(CultureInfo.InvariantCulture, $"\nvariants, cross-validated, each at the highest threshold keeping {TargetRecall:0.00} of the distress examples:\n");
        foreach (var (calmClass, calmWeight) in VariantClasses)
        {
            var parts = training.CrossValidateParts(SafetyCalibration.Folds, calmClass, calmWeight);
            foreach (var share in VariantShares)
            {
                var scored = training.Rows.Select((r, i) => (Row: r, Score: (double)((share * parts[i].Model) + ((1 - share) * parts[i].Vote)))).ToList();
                var (distress, calm, other) = Split(knowledge, scored);
                double Rate(List<(SafetyExample Row, double Score)> rows, double t) => rows.Count == 0 ? 0 : rows.Count(x => x.Score >= Effective(knowledge, x.Row.Text, t)) / (double)rows.Count;
                var threshold = Enumerable.Range(1, 99).Select(i => i * 0.01).Where(t => Rate(distress, t) >= TargetRecall).DefaultIfEmpty(0.01).Max();
                var inUse = calmClass == DistressTraining.CalmClass && (!calmClass || calmWeight == DistressTraining.CalmWeight) && share == DistressTraining.ModelShare
                    ? "   <- in use"
                    : string.Empty;
                var calmName = calmClass ? calmWeight == 1f ? "own class" : string.Create(CultureInfo.InvariantCulture, $"own x{calmWeight:0}") : "with normal";
                text.Append(CultureInfo.InvariantCulture,
                    $"  calm {calmName,-11} share {share:0.00}: threshold {threshold:0.00}  distress caught {Rate(distress, threshold):0.000}  calm fired {Rate(calm, threshold):0.000}  normal+everyday fired {Rate(other, threshold):0.000}{inUse}\n");
            }

            step?.Invoke();
        }

        text.Append(CultureInfo.InvariantCulture, $"\nvariants: the blend (calm {(DistressTraining.CalmClass ? "own class" : "with normal")}, share {DistressTraining.ModelShare:0.00}) mixed with a kernel machine's score (its share), cross-validated, each at the highest threshold keeping {TargetRecall:0.00} of the distress examples:\n");
        var blendParts = training.CrossValidateParts(SafetyCalibration.Folds, DistressTraining.CalmClass);
        foreach (var settings in MachineGrid)
        {
            var machine = training.CrossValidateMachine(SafetyCalibration.Folds, settings);
            step?.Invoke();
            foreach (var mix in MachineMixes)
            {
                var scored = training.Rows.Select((r, i) => (Row: r,
                    Score: (mix * machine[i]) + ((1 - mix) * ((DistressTraining.ModelShare * blendParts[i].Model) + ((1 - DistressTraining.ModelShare) * blendParts[i].Vote))))).ToList();
                var (distress, calm, other) = Split(knowledge, scored);
                double Rate(List<(SafetyExample Row, double Score)> rows, double t) => rows.Count == 0 ? 0 : rows.Count(x => x.Score >= Effective(knowledge, x.Row.Text, t)) / (double)rows.Count;
                var threshold = Enumerable.Range(1, 99).Select(i => i * 0.01).Where(t => Rate(distress, t) >= TargetRecall).DefaultIfEmpty(0.01).Max();
                var inUse = settings == DistressTraining.MachineSettings && mix == DistressTraining.MachineMix ? "   <- in use" : string.Empty;
                text.Append(CultureInfo.InvariantCulture,
                    $"  gamma {settings.Gamma:0.#} cost {settings.Cost:0.#} words {settings.TextWeight:0.0} mix {mix:0.0}: threshold {threshold:0.00}  distress caught {Rate(distress, threshold):0.000}  calm fired {Rate(calm, threshold):0.000}  normal+everyday fired {Rate(other, threshold):0.000}{inUse}\n");
            }
        }
    }

    private static List<(SafetyExample Row, double Score)>? CrossValidated(KnowledgeBase knowledge)
    {
        if (knowledge.Embedder is null || knowledge.Safety.Distress is null || knowledge.Safety.Urgent?.Distress is null) return null;
        var training = DistressTraining.Prepare(knowledge.Snapshot.Examples, knowledge.Embedder);
        if (training is null) return null;
        var scores = training.CrossValidate(SafetyCalibration.Folds);
        return [.. training.Rows.Select((r, i) => (r, scores[i]))];
    }

    /// <summary>The cross-validated rows split into distress examples, calm examples and the normal and everyday ones.</summary>
    private static (List<(SafetyExample Row, double Score)> Distress, List<(SafetyExample Row, double Score)> Calm, List<(SafetyExample Row, double Score)> Other) Split(
        KnowledgeBase knowledge, List<(SafetyExample Row, double Score)> scored)
    {
        var calmFiles = knowledge.Snapshot.Examples.Calm.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        return (
            [.. scored.Where(s => s.Row.Label == SafetyExamples.InDistress)],
            [.. scored.Where(s => s.Row.Label != SafetyExamples.InDistress && calmFiles.Contains(s.Row.File))],
            [.. scored.Where(s => s.Row.Label != SafetyExamples.InDistress && !calmFiles.Contains(s.Row.File))]);
    }

    /// <summary>The threshold as <see cref="SafetyRules.MatchDistress"/> applies it (raised for a joke or an idiom).</summary>
    private static double Effective(KnowledgeBase knowledge, string text, double threshold)
    {
        var urgent = knowledge.Safety.Urgent!;
        var reading = urgent.Lexicon.Read(text);
        return reading.Joking || reading.Masked.Any(m => m) ? Math.Max(threshold, urgent.JokingThreshold) : threshold;
    }

    private static int Misroutes(KnowledgeBase knowledge, IEnumerable<string> messages)
    {
        var ownThoughts = knowledge.Articles.Where(a => a.Audiences.Contains(Audience.OwnThoughts)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (ownThoughts.Count == 0) return 0;
        return messages.Count(m => knowledge.Ask(m, AskContext.International).Passages.Any(p => ownThoughts.Contains(p.ArticleId)));
    }
}
