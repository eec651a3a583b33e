using System.CommandLine;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb eval [--questions FILE] [--json]</c>: Recall@1, Recall@3, MRR@10, decline and answer rates on the
/// eval set, every miss with what came back, and a non-zero exit when a figure is below its target.
/// </summary>
internal static class KbEvalCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var questions = new Option<string[]>("--questions", "-q")
        {
            Description = "Eval file (default: <knowledge>/eval/questions.tsv); repeat it to measure several files as one set",
        };
        var json = CommonOptions.Json();
        var region = CommonOptions.Region();
        var reportOnly = new Option<bool>("--report-only") { Description = "Print the figures but do not fail below the targets" };
        var ablation = new Option<bool>("--ablation") { Description = "Also run with each retrieval technique switched off, to show what each adds" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit the confidence model to the eval questions and print its coefficients and thresholds" };
        var floor = new Option<string?>("--floor")
        {
            Description = "Fail only below these figures (such as recall_at_1=0.85,answer_rate=0.95; unnamed metrics keep the targets), and report the targets without failing: a regression guard while the targets are not yet met",
        };
        var urgent = new Option<string?>("--urgent") { Description = "Measure the urgent-message classifier on FILE (message TAB urgent TAB category, or message TAB normal) instead" };
        var refusal = KbSafetyEval.RefusalOption();
        var detector = KbSafetyEval.DetectorOption();
        var distress = KbSafetyEval.DistressOption();
        var jointOnly = KbSafetyEval.JointOnlyOption();
        var command = new Command("eval", "Measure how well the bot answers the eval questions")
        {
            questions, json, region, reportOnly, ablation, calibrate, floor, urgent, refusal, detector, distress, jointOnly,
        };
        command.SetAction(parse =>
        {
            var options = new KnowledgeOptions { Path = KnowledgePath.Resolve(parse.GetValue(knowledgeOption)) };
            var safety = new KbSafetyEval.Settings(parse.GetValue(detector)!, parse.GetValue(calibrate), parse.GetValue(json), parse.GetValue(reportOnly), parse.GetValue(floor),
                parse.GetValue(jointOnly));
            if (safety.JointOnly && (parse.GetValue(refusal) is null || !safety.Calibrate))
            {
                env.Error.WriteLine("bothost: --joint-only needs --refusal FILE --calibrate: it narrows the refusal calibration");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(urgent) is { } urgentFile) return KbSafetyEval.RunUrgent(env, options, urgentFile, safety);
            if (parse.GetValue(refusal) is { } refusalFile) return KbSafetyEval.RunRefusal(env, options, refusalFile, safety);
            if (parse.GetValue(distress) is { } distressFile) return KbSafetyEval.RunDistress(env, options, distressFile, safety);
            var files = parse.GetValue(questions) is { Length: > 0 } given ? given : [Path.Combine(options.Path, "eval", "questions.tsv")];
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                env.Error.WriteLine($"bothost: eval file not found: {missing}");
                return ExitCodes.Usage;
            }

            var cases = new List<EvalCase>();
            var errors = new List<string>();
            foreach (var file in files)
            {
                var read = EvalSetReader.Read(file, File.ReadAllText(file));
                cases.AddRange(read.Cases);
                errors.AddRange(read.Errors);
            }

            foreach (var error in errors) env.Error.WriteLine(error);
            if (errors.Count > 0) return ExitCodes.Failure;

            using var knowledge = KnowledgeLoading.LoadOrExplain(options, env, parse.GetValue(json));
            if (knowledge is null) return ExitCodes.Failure;
            var system = KnowledgeEvalSystem.Create(knowledge, parse.GetValue(region)!);
            var report = files.Length > 1 || parse.GetValue(calibrate)
                ? CliProgress.Run(env, parse.GetValue(json), $"kb eval: {cases.Count} questions from {files.Length} file(s)", cases.Count,
                    step => Evaluator.Run(cases, question => Stepped(system(question), step)))
                : Evaluator.Run(cases, system);
            // A blind set measures and is never read to tune: its misses are counted, never printed (as with --urgent/--refusal).
            var hiddenMisses = files.Any(KbSafetyEval.IsBlind) ? report.Misses.Count : 0;
            if (hiddenMisses > 0) report = report with { Misses = [] };
            if (parse.GetValue(json)) env.Output.Write(Evaluator.ToJson(report) + "\n");
            else if (env.Style == CliStyle.Rich) KbEvalRichReport.Write(SpectreOutput.Create(env.Output), report, EvalTargets.Default);
            else env.Output.Write(report.ToText());
            if (hiddenMisses > 0 && !parse.GetValue(json)) env.Output.Write($"{hiddenMisses} misses (not shown: a blind set is measured, never read to tune)\n");
            if (parse.GetValue(ablation)) WriteAblation(env, options, cases, parse.GetValue(region)!, report, parse.GetValue(json));
            if (parse.GetValue(calibrate)) WriteCalibration(env, knowledge, options, cases, parse.GetValue(region)!, parse.GetValue(json));

            var targets = report.Failures(EvalTargets.Default);
            if (parse.GetValue(floor) is not { } floorText)
            {
                foreach (var failure in targets) env.Error.WriteLine($"bothost: below target: {failure}");
                return targets.Count > 0 && !parse.GetValue(reportOnly) ? ExitCodes.Failure : ExitCodes.Success;
            }

            EvalTargets floorTargets;
            try
            {
                floorTargets = EvalTargets.Parse(floorText, EvalTargets.Default);
            }
            catch (FormatException ex)
            {
                env.Error.WriteLine($"bothost: --floor: {ex.Message}");
                return ExitCodes.Usage;
            }

            foreach (var failure in targets) env.Error.WriteLine($"bothost: note: below target (not failing, --floor given): {failure}");
            var regressions = report.Failures(floorTargets);
            foreach (var failure in regressions) env.Error.WriteLine($"bothost: below floor: {failure}");
            return regressions.Count > 0 && !parse.GetValue(reportOnly) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static T Stepped<T>(T value, Action step)
    {
        step();
        return value;
    }

    /// <summary>Everyday examples weigh half an eval question in the fit: there are more of them than in-scope questions.</summary>
    private const double EverydayWeight = 0.5;

    /// <summary>
    /// Held-out article questions weigh as much as the everyday examples they are set against (both are cross-validated
    /// stand-ins for what members write; the eval questions weigh 1).
    /// </summary>
    private const double HeldOutQuestionWeight = 0.5;

    /// <summary>
    /// The share of in-scope questions the calibrated threshold must still answer when there are no cross-validated
    /// stand-ins for unseen questions to balance (no sentence encoder loaded).
    /// </summary>
    private const double CalibratedAnswerRate = 0.985;

    private static void WriteCalibration(CliEnvironment env, KnowledgeBase knowledge, KnowledgeOptions options, IReadOnlyList<EvalCase> cases, string region, bool json)
    {
        var fitted = cases.Where(c => c.Expectation != EvalExpectation.Refuse).ToList();
        var searched = CliProgress.Run(env, json, $"calibrate: {fitted.Count} questions, each also misspelt", fitted.Count, step =>
            fitted.Select(c => Stepped((Case: c, Ranked: knowledge.Search(c.Question, region).Ranked,
                Misspelt: knowledge.Search(TypoNoise.Apply(c.Question, c.Line), region).Ranked), step)).ToList());
        var answer = (EvalCase c) => c.Expectation == EvalExpectation.Answer;

        // nothing matched: declined whatever the model says, so it teaches the model nothing
        var samples = searched.Where(x => x.Ranked.Count > 0).Select(x => CalibrationSample.Of(x.Ranked[0], answer(x.Case))).ToList();
        var misspelt = searched.Where(x => x.Misspelt.Count > 0).Select(x => CalibrationSample.Of(x.Misspelt[0], answer(x.Case))).ToList();
        IReadOnlyList<CalibrationSample> everyday = options.Embedder is null
            ? []
            : CliProgress.Run(env, json, $"calibrate: {knowledge.Snapshot.Everyday.Count} everyday examples, each also misspelt, {EverydayCrossValidation.Folds} folds",
                knowledge.Snapshot.Everyday.Count, step => EverydayCrossValidation.Samples(knowledge, options, env.Time, region, EverydayWeight, typos: true, step));
        // The articles' own questions, each held out of the index: answerable questions worded as no eval set words them.
        var articleQuestions = knowledge.Articles.Sum(a => a.Questions.Count);
        IReadOnlyList<HeldOutSearch> heldOutSearches = options.Embedder is null
            ? []
            : CliProgress.Run(env, json, $"calibrate: {articleQuestions} article questions, {ArticleQuestionCrossValidation.Folds} folds", articleQuestions,
                step => ArticleQuestionCrossValidation.Search(knowledge, options, env.Time, region, step));
        var heldOut = ArticleQuestionCrossValidation.Samples(heldOutSearches, HeldOutQuestionWeight);
        var model = ConfidenceCalibrator.Fit([.. samples, .. misspelt, .. everyday, .. heldOut]);
        env.Output.WriteLine();
        env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calibrated: {Coefficients(model)} (n={samples.Count} questions + {misspelt.Count} misspelt + {everyday.Count} cross-validated everyday examples and misspelt copies at weight {EverydayWeight} + {heldOut.Count} held-out article questions at weight {HeldOutQuestionWeight})"));
        env.Output.WriteLine("as written:");
        env.Output.Write(ConfidenceCalibrator.ThresholdTable(model, samples, everyday.Count > 0 ? everyday : null, heldOut.Count > 0 ? heldOut : null));
        env.Output.WriteLine("misspelt:");
        env.Output.Write(ConfidenceCalibrator.ThresholdTable(model, misspelt));
        var byAnswerRate = ConfidenceCalibrator.HighestThreshold(model, samples, CalibratedAnswerRate);
        var threshold = byAnswerRate;
        var why = string.Create(CultureInfo.InvariantCulture, $"answers {CalibratedAnswerRate:0.000} of the in-scope questions as written");
        if (heldOut.Count > 0 && everyday.Count > 0)
        {
            // with the cross-validated stand-ins for unseen questions, they decide (see BalancedThreshold)
            threshold = ConfidenceCalibrator.BalancedThreshold(model, heldOut, everyday);
            why = string.Create(CultureInfo.InvariantCulture,
                $"answers {ConfidenceCalibrator.RatesAt(model, heldOut, threshold).Answered:0.000} of the held-out article questions and declines {ConfidenceCalibrator.RatesAt(model, everyday, threshold).Declined:0.000} of the everyday examples, the most of both (as written: answered {ConfidenceCalibrator.RatesAt(model, samples, threshold).Answered:0.000}, declined {ConfidenceCalibrator.RatesAt(model, samples, threshold).Declined:0.000}; answering {CalibratedAnswerRate:0.000} of those would set {byAnswerRate:0.00})");
        }

        env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threshold {threshold:0.00} {why}; at the decline threshold {options.DeclineThreshold:0.##}: {Coefficients(ConfidenceCalibrator.Recentred(model, threshold, options.DeclineThreshold))}"));
        if (heldOut.Count > 0 && everyday.Count > 0 && samples.Any(s => s.OnTopic != 0)) WriteWithoutOnTopic(env, samples, misspelt, everyday, heldOut, options.DeclineThreshold);
        if (heldOutSearches.Count == 0) return;
        // The reranker learns from the held-out article questions alone; the eval questions above only measure it.
        var reranker = RerankerCalibrator.Fit(heldOutSearches);
        var (reranked, fused) = RerankerCalibrator.CrossValidatedRecallAt1(heldOutSearches);
        env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reranker: {string.Join(' ', Reranker.FeatureNames.Select((name, i) => $"{name}={reranker.Weights[i]:0.###}"))} (n={heldOutSearches.Count} held-out article questions; their recall@1 cross-validated over the folds {fused:0.000} fused -> {reranked:0.000} reranked)"));
    }

    /// <summary>
    /// The same fit and balanced threshold without the on-topic model's log-odds (issue #14, declining: each decline
    /// feature reported on its own), measured on the same cross-validated stand-ins and eval questions.
    /// </summary>
    private static void WriteWithoutOnTopic(CliEnvironment env, IReadOnlyList<CalibrationSample> samples, IReadOnlyList<CalibrationSample> misspelt,
        IReadOnlyList<CalibrationSample> everyday, IReadOnlyList<CalibrationSample> heldOut, double declineThreshold)
    {
        static List<CalibrationSample> Without(IEnumerable<CalibrationSample> set) => [.. set.Select(s => s with { OnTopic = 0 })];
        var (plainSamples, plainEveryday, plainHeldOut) = (Without(samples), Without(everyday), Without(heldOut));
        var model = ConfidenceCalibrator.Fit([.. plainSamples, .. Without(misspelt), .. plainEveryday, .. plainHeldOut]);
        var threshold = ConfidenceCalibrator.BalancedThreshold(model, plainHeldOut, plainEveryday);
        var written = ConfidenceCalibrator.RatesAt(model, plainSamples, threshold);
        env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"without on_topic: threshold {threshold:0.00} answers {ConfidenceCalibrator.RatesAt(model, plainHeldOut, threshold).Answered:0.000} of the held-out article questions and declines {ConfidenceCalibrator.RatesAt(model, plainEveryday, threshold).Declined:0.000} of the everyday examples (as written: answered {written.Answered:0.000}, declined {written.Declined:0.000}); at the decline threshold {declineThreshold:0.##}: {Coefficients(ConfidenceCalibrator.Recentred(model, threshold, declineThreshold))}"));
    }

    private static string Coefficients(ConfidenceModel model) => string.Create(CultureInfo.InvariantCulture,
        $"intercept={model.Intercept:0.###} coverage={model.CoverageWeight:0.###} strength={model.StrengthWeight:0.###} anchor={model.AnchorWeight:0.###} topic={model.TopicWeight:0.###} off_topic={model.OffTopicWeight:0.###} cosine={model.CosineWeight:0.###} margin={model.MarginWeight:0.###} neighbour_margin={model.NeighbourMarginWeight:0.###} on_topic={model.OnTopicWeight:0.###}");

    private static void WriteAblation(CliEnvironment env, KnowledgeOptions options, List<EvalCase> cases, string region, EvalReport all, bool json)
    {
        var variants = Enum.GetValues<SearchFeatures>().Where(f => f is not SearchFeatures.None and not SearchFeatures.All)
            .Select(f => (Name: $"without {f}", Features: SearchFeatures.All & ~f))
            .Append((Name: "none (plain bm25)", Features: SearchFeatures.None))
            .ToList();
        // Each variant loads and measures the knowledge base again: measured first (progress on stderr), printed after.
        var measured = CliProgress.Run(env, json, $"ablation: {variants.Count} configurations, {cases.Count} questions each", variants.Count,
            step => variants.Select(v => Stepped((v.Name, Report: Measure(v.Features)), step)).ToList());
        env.Output.WriteLine();
        env.Output.WriteLine("configuration            recall@1 recall@3   mrr  answered declined  section");
        Row("all techniques", all);
        foreach (var (name, report) in measured) Row(name, report);

        EvalReport Measure(SearchFeatures features)
        {
            var variant = new KnowledgeOptions { Path = options.Path, DeclineThreshold = options.DeclineThreshold, Features = features, Embedder = options.Embedder };
            var result = KnowledgeBase.Load(variant, env.Time);
            using var knowledge = result.Knowledge!;
            return Evaluator.Run(cases, KnowledgeEvalSystem.Create(knowledge, region));
        }

        void Row(string name, EvalReport r) => env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-24} {r.RecallAt1,8:0.000} {r.RecallAt3,8:0.000} {r.Mrr,5:0.000} {r.AnswerRate,9:0.000} {r.DeclineRate,8:0.000} {r.SectionAccuracy,8:0.000}"));
    }
}
