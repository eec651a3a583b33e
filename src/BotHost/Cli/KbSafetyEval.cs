using System.CommandLine;
using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Safety;

namespace BotHost.Cli;

/// <summary>
/// <c>kb eval --urgent FILE</c> and <c>kb eval --refusal FILE</c>: the safety checks measured on a labelled file, with
/// <c>--detector rules|examples|both</c> to measure each detector alone, <c>--calibrate</c> to fit the example
/// detector's thresholds (never on a blind set) and <c>--floor</c> for regression floors. Blind sets' misses are
/// counted, not printed: they are measured, never read to tune (with <c>--json</c>, a blind set's refusal and distress
/// misses are an empty list). The cross-validation of <c>--calibrate</c> shows its
/// progress on stderr (<see cref="CliProgress"/>: nothing with <c>--json</c>).
/// </summary>
internal static class KbSafetyEval
{
    public static Option<string> DetectorOption() => new("--detector")
    {
        Description = "Safety detectors measured by --urgent/--refusal: rules, examples or both (the bot uses both)",
        DefaultValueFactory = _ => "both",
    };

    public static Option<string?> RefusalOption() => new("--refusal")
    {
        Description = "Measure refusals on FILE (message TAB refuse, or message TAB protective) instead",
    };

    /// <summary>
    /// <c>--joint-only</c>: with <c>--refusal FILE --calibrate</c>, only the settings in use and the one score's table (the
    /// kernel machine's and the stance's grids and the other pair machines skipped), so a one-score experiment takes minutes.
    /// </summary>
    public static Option<bool> JointOnlyOption() => new("--joint-only")
    {
        Description = "With --refusal FILE --calibrate: only the settings in use and the one score's table (skips the kernel machine's and the stance's grids)",
    };

    public static Option<string?> DistressOption() => new("--distress")
    {
        Description = "Measure the distress safety net on its cross-validated examples and on FILE (message TAB distress|calm, or an urgent eval file) instead",
    };

    /// <summary>
    /// <c>kb eval --distress FILE</c>: the distress safety net (issue #13 item 5) on its cross-validated examples and on a
    /// file of distress and calm messages or an urgent eval file (see <see cref="DistressEvaluator.Read"/>);
    /// <c>--calibrate</c> prints the cross-validated table by threshold (refused on a blind file). Fails on any misroute.
    /// </summary>
    public static int RunDistress(CliEnvironment env, KnowledgeOptions options, string file, Settings settings)
    {
        var exit = Start(env, file, "distress", settings, DistressEvaluator.Read, out var cases, out _);
        if (exit != ExitCodes.Success) return exit;

        using var knowledge = KnowledgeLoading.LoadOrExplain(options, env, settings.Json);
        if (knowledge is null) return ExitCodes.Failure;
        if (DistressEvaluator.Run(knowledge, cases) is not { } report)
        {
            env.Error.WriteLine("bothost: no distress safety net to measure (it needs the sentence encoder, knowledge/examples/distress*.tsv and a distress: section in urgent.yaml)");
            return ExitCodes.Failure;
        }

        env.Output.Write(settings.Json ? DistressEvaluator.ToJson(IsBlind(file) ? report with { Misses = [] } : report) + "\n" : report.ToText(showMisses: !IsBlind(file)));
        if (settings.Calibrate)
        {
            env.Output.Write("\n" + CliProgress.Run(env, settings.Json, $"calibrate: distress examples, {SafetyCalibration.Folds} folds, then {DistressEvaluator.CalibrateSteps - 1} thresholds",
                DistressEvaluator.CalibrateSteps, step => DistressEvaluator.Calibrate(knowledge, step)));
        }

        return Finish(env, settings, report.Failures(), report.Failures,
            ("distress_recall", DistressEvalReport.RecallTarget), ("false_alarm_rate", DistressEvalReport.FalseAlarmTarget));
    }

    public static int RunUrgent(CliEnvironment env, KnowledgeOptions options, string file, Settings settings)
    {
        var exit = Start(env, file, "urgent", settings, UrgentEvaluator.Read, out var cases, out var detectors);
        if (exit != ExitCodes.Success) return exit;

        using var knowledge = KnowledgeLoading.LoadOrExplain(options, env, settings.Json);
        if (knowledge is null) return ExitCodes.Failure;
        if (knowledge.Safety.Urgent is null)
        {
            env.Error.WriteLine($"bothost: {Path.Combine(options.Path, KnowledgeLoader.UrgentFile)} not found: there are no urgent rules to measure");
            return ExitCodes.Failure;
        }

        var safety = knowledge.Safety with { Detectors = detectors };
        var classified = UrgentEvaluator.Run(cases, message => safety.MatchUrgent(message) is { } match ? $"{match.Category.Id} ({match.Reason})" : null);
        var report = classified with { Misroutes = MisrouteEvaluator.Run(cases, knowledge) };
        env.Output.Write(settings.Json ? UrgentEvaluator.ToJson(report) + "\n" : report.ToText(showMisses: !IsBlind(file)));
        if (settings.Calibrate)
        {
            env.Output.Write("\n" + CliProgress.Run(env, settings.Json, $"calibrate: urgent examples, {SafetyCalibration.UrgentSteps} settings of {SafetyCalibration.Folds} folds",
                SafetyCalibration.UrgentSteps, step => SafetyCalibration.Urgent(knowledge, cases, step)));
        }

        return Finish(env, settings, report.Failures(), report.Failures,
            ("urgent_recall", UrgentEvalReport.RecallTarget), ("normal_false_positive_rate", UrgentEvalReport.FalsePositiveTarget));
    }

    public static int RunRefusal(CliEnvironment env, KnowledgeOptions options, string file, Settings settings)
    {
        var exit = Start(env, file, "refusal", settings, RefusalEvaluator.Read, out var cases, out var detectors);
        if (exit != ExitCodes.Success) return exit;

        using var knowledge = KnowledgeLoading.LoadOrExplain(options, env, settings.Json);
        if (knowledge is null) return ExitCodes.Failure;
        var safety = knowledge.Safety with { Detectors = detectors };
        var report = RefusalEvaluator.Run(cases, message => safety.RefusalReason(message) switch
        {
            { Rule: { } rule } => string.Create(CultureInfo.InvariantCulture, $"{KnowledgeLoader.RefusalFile}:{rule.Line}"),
            { Examples: { } examples } => examples.ToString(),
            _ => null,
        });
        env.Output.Write(settings.Json ? RefusalEvaluator.ToJson(IsBlind(file) ? report with { Misses = [] } : report) + "\n" : report.ToText(showMisses: !IsBlind(file)));
        if (settings.Calibrate)
        {
            var steps = settings.JointOnly ? SafetyCalibration.RefusalJointSteps : SafetyCalibration.RefusalSteps;
            env.Output.Write("\n" + CliProgress.Run(env, settings.Json, $"calibrate: refusal examples, {steps} settings of {SafetyCalibration.Folds} folds",
                steps, step => SafetyCalibration.Refusal(knowledge, [.. cases.Select(c => (c.Message, c.MustRefuse))], step, settings.JointOnly)));
        }

        return Finish(env, settings, report.Failures(), report.Failures,
            ("refuse_rate", RefusalEvalReport.RefuseTarget), ("protective_answered_rate", RefusalEvalReport.ProtectiveTarget));
    }

    /// <summary>What the safety modes of <c>kb eval</c> read from the command line.</summary>
    /// <param name="JointOnly"><c>--joint-only</c>: the refusal calibration's one-score table alone (<see cref="JointOnlyOption"/>).</param>
    public sealed record Settings(string Detector, bool Calibrate, bool Json, bool ReportOnly, string? Floor, bool JointOnly = false);

    /// <summary>
    /// Reads the labelled <paramref name="file"/> and checks <c>--detector</c> and <c>--calibrate</c> (never on a blind
    /// set); <see cref="ExitCodes.Success"/> when the measurement can go on.
    /// </summary>
    private static int Start<T>(
        CliEnvironment env, string file, string kind, Settings settings,
        Func<string, string, (IReadOnlyList<T> Cases, IReadOnlyList<string> Errors)> read,
        out IReadOnlyList<T> cases, out SafetyDetectors detectors)
    {
        cases = [];
        detectors = SafetyDetectors.Both;
        if (!File.Exists(file))
        {
            env.Error.WriteLine($"bothost: {kind} eval file not found: {file}");
            return ExitCodes.Usage;
        }

        (cases, var errors) = read(file, File.ReadAllText(file));
        foreach (var error in errors) env.Error.WriteLine(error);
        if (errors.Count > 0) return ExitCodes.Failure;
        if (Detectors(env, settings.Detector) is not { } chosen) return ExitCodes.Usage;
        detectors = chosen;
        if (settings.Calibrate && IsBlind(file))
        {
            env.Error.WriteLine($"bothost: --calibrate refuses the blind set {file}: blind sets measure, they never set a threshold");
            return ExitCodes.Usage;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The exit code: below a target fails the run unless <c>--floor</c> names the two metrics' floors instead (then only
    /// a floor fails it, and the targets missed are notes); <c>--report-only</c> never fails.
    /// </summary>
    private static int Finish(
        CliEnvironment env, Settings settings, IReadOnlyList<string> targets, Func<double, double, IReadOnlyList<string>> failures,
        (string Name, double Target) first, (string Name, double Target) second)
    {
        if (settings.Floor is null)
        {
            foreach (var failure in targets) env.Error.WriteLine($"bothost: below target: {failure}");
            return targets.Count > 0 && !settings.ReportOnly ? ExitCodes.Failure : ExitCodes.Success;
        }

        var (firstFloor, secondFloor) = (first.Target, second.Target);
        if (!ParseFloor(env, settings.Floor, (first.Name, v => firstFloor = v), (second.Name, v => secondFloor = v))) return ExitCodes.Usage;
        var floors = failures(firstFloor, secondFloor);
        foreach (var failure in targets) env.Error.WriteLine($"bothost: note: below target (not failing, --floor given): {failure}");
        foreach (var failure in floors) env.Error.WriteLine($"bothost: below floor: {failure}");
        return floors.Count > 0 && !settings.ReportOnly ? ExitCodes.Failure : ExitCodes.Success;
    }

    internal static bool IsBlind(string file) => Path.GetFileName(file).StartsWith("blind-", StringComparison.Ordinal);

    private static SafetyDetectors? Detectors(CliEnvironment env, string name)
    {
        switch (name)
        {
            case "rules": return SafetyDetectors.Rules;
            case "examples": return SafetyDetectors.Examples;
            case "both": return SafetyDetectors.Both;
            default:
                env.Error.WriteLine($"bothost: --detector must be rules, examples or both, not '{name}'");
                return null;
        }
    }

    private static bool ParseFloor(CliEnvironment env, string text, params (string Name, Action<double> Set)[] metrics)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var metric = metrics.FirstOrDefault(m => parts[0] == m.Name);
            if (parts.Length != 2 || metric.Name is null || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                env.Error.WriteLine($"bothost: --floor: '{pair}' is not metric=value with a value from 0 to 1 ({string.Join(", ", metrics.Select(m => m.Name))})");
                return false;
            }

            metric.Set(value);
        }

        return true;
    }
}
