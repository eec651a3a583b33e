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
/// counted, not printed: they are measured, never read to tune.
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

    public static int RunUrgent(CliEnvironment env, KnowledgeOptions options, string file, ParseResult parse, Settings settings)
    {
        if (!File.Exists(file))
        {
            env.Error.WriteLine($"bothost: urgent eval file not found: {file}");
            return ExitCodes.Usage;
        }

        var (cases, errors) = UrgentEvaluator.Read(file, File.ReadAllText(file));
        foreach (var error in errors) env.Error.WriteLine(error);
        if (errors.Count > 0) return ExitCodes.Failure;
        if (Detectors(env, settings.Detector) is not { } detectors) return ExitCodes.Usage;
        if (settings.Calibrate && IsBlind(file))
        {
            env.Error.WriteLine($"bothost: --calibrate refuses the blind set {file}: blind sets measure, they never set a threshold");
            return ExitCodes.Usage;
        }

        using var knowledge = KnowledgeLoading.LoadOrExplain(options, env);
        if (knowledge is null) return ExitCodes.Failure;
        if (knowledge.Safety.Urgent is null)
        {
            env.Error.WriteLine($"bothost: {Path.Combine(options.Path, KnowledgeLoader.UrgentFile)} not found: there are no urgent rules to measure");
            return ExitCodes.Failure;
        }

        var safety = knowledge.Safety with { Detectors = detectors };
        var report = UrgentEvaluator.Run(cases, message => safety.MatchUrgent(message) is { } match ? $"{match.Category.Id} ({match.Reason})" : null);
        env.Output.Write(settings.Json ? UrgentEvaluator.ToJson(report) + "\n" : report.ToText(showMisses: !IsBlind(file)));
        if (settings.Calibrate) env.Output.Write("\n" + SafetyCalibration.Urgent(knowledge, cases));

        var recallFloor = UrgentEvalReport.RecallTarget;
        var falseAlarms = UrgentEvalReport.FalsePositiveTarget;
        if (settings.Floor is { } floor && !ParseFloor(env, floor, ("urgent_recall", v => recallFloor = v), ("normal_false_positive_rate", v => falseAlarms = v)))
        {
            return ExitCodes.Usage;
        }

        return Finish(env, report.Failures(), report.Failures(recallFloor, falseAlarms), settings);
    }

    public static int RunRefusal(CliEnvironment env, KnowledgeOptions options, string file, ParseResult parse, Settings settings)
    {
        if (!File.Exists(file))
        {
            env.Error.WriteLine($"bothost: refusal eval file not found: {file}");
            return ExitCodes.Usage;
        }

        var (cases, errors) = RefusalEvaluator.Read(file, File.ReadAllText(file));
        foreach (var error in errors) env.Error.WriteLine(error);
        if (errors.Count > 0) return ExitCodes.Failure;
        if (Detectors(env, settings.Detector) is not { } detectors) return ExitCodes.Usage;
        if (settings.Calibrate && IsBlind(file))
        {
            env.Error.WriteLine($"bothost: --calibrate refuses the blind set {file}: blind sets measure, they never set a threshold");
            return ExitCodes.Usage;
        }

        using var knowledge = KnowledgeLoading.LoadOrExplain(options, env);
        if (knowledge is null) return ExitCodes.Failure;
        var safety = knowledge.Safety with { Detectors = detectors };
        var report = RefusalEvaluator.Run(cases, message => safety.RefusalReason(message) switch
        {
            { Rule: { } rule } => string.Create(CultureInfo.InvariantCulture, $"{KnowledgeLoader.RefusalFile}:{rule.Line}"),
            { Examples: { } examples } => examples.ToString(),
            _ => null,
        });
        env.Output.Write(report.ToText(showMisses: !IsBlind(file)));
        if (settings.Calibrate) env.Output.Write("\n" + SafetyCalibration.Refusal(knowledge, [.. cases.Select(c => (c.Message, c.MustRefuse))]));

        var refuseFloor = RefusalEvalReport.RefuseTarget;
        var protectiveFloor = RefusalEvalReport.ProtectiveTarget;
        if (settings.Floor is { } floor && !ParseFloor(env, floor, ("refuse_rate", v => refuseFloor = v), ("protective_answered_rate", v => protectiveFloor = v)))
        {
            return ExitCodes.Usage;
        }

        return Finish(env, report.Failures(), report.Failures(refuseFloor, protectiveFloor), settings);
    }

    /// <summary>What the safety modes of <c>kb eval</c> read from the command line.</summary>
    public sealed record Settings(string Detector, bool Calibrate, bool Json, bool ReportOnly, string? Floor);

    private static int Finish(CliEnvironment env, IReadOnlyList<string> targets, IReadOnlyList<string> floors, Settings settings)
    {
        if (settings.Floor is null)
        {
            foreach (var failure in targets) env.Error.WriteLine($"bothost: below target: {failure}");
            return targets.Count > 0 && !settings.ReportOnly ? ExitCodes.Failure : ExitCodes.Success;
        }

        foreach (var failure in targets) env.Error.WriteLine($"bothost: note: below target (not failing, --floor given): {failure}");
        foreach (var failure in floors) env.Error.WriteLine($"bothost: below floor: {failure}");
        return floors.Count > 0 && !settings.ReportOnly ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static bool IsBlind(string file) => Path.GetFileName(file).StartsWith("blind-", StringComparison.Ordinal);

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
