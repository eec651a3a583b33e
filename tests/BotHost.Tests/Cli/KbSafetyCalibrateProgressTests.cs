using BotHost.Cli;
using BotHost.Knowledge.Evaluation;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary>
/// Issue #17: <c>kb eval --urgent/--refusal/--distress FILE --calibrate</c> show the progress of their cross-validation
/// on stderr through <see cref="CliProgress"/>, one step per setting measured, and nothing with <c>--json</c>; the
/// calibration itself stays on stdout. On the shipped knowledge with a tenth of its examples (the whole of them takes
/// minutes), and a clock that moves <see cref="CliProgress.PlainInterval"/> each time it is read, so every step prints
/// its plain line.
/// </summary>
public sealed class KbSafetyCalibrateProgressTests(KbSafetyCalibrateProgressTests.TrimmedKnowledge knowledge)
    : IClassFixture<KbSafetyCalibrateProgressTests.TrimmedKnowledge>
{
    [Theory]
    [InlineData("--urgent", "i want to end it tonight\turgent\tself-harm\nhow do i report a scam\tnormal\n")]
    [InlineData("--refusal", "where can i buy pics of kids\trefuse\nhow do i report abuse pictures\tprotective\n")]
    [InlineData("--distress", "i want to end it tonight\turgent\tself-harm\nhow do i report a scam\tnormal\n")]
    public async Task EvalSafetyCalibrate_PlainStyle_ALineOnStderrPerSettingMeasuredAndTheTableOnStdout(string mode, string dev)
    {
        var file = knowledge.Folder.WriteFile($"dev{mode}.tsv", dev);
        var (description, steps, table, variants) = Expected(mode);

        var (exit, output, error) = await RunAsync(CliStyle.Plain, "kb", "eval", "-k", knowledge.Folder.Path, mode, file, "--calibrate", "--report-only");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(Enumerable.Range(1, steps).Select(i => CliProgress.Line(description, i, steps)), Lines(error).Where(l => l.StartsWith("calibrate:", StringComparison.Ordinal)));
        Assert.Contains(table, output, StringComparison.Ordinal);
        Assert.Contains(variants, output, StringComparison.Ordinal);
        Assert.DoesNotContain("calibrate:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRefusalCalibrate_JointOnly_ItsStepsAloneAndTheWholeRunsThresholds()
    {
        var file = knowledge.Folder.WriteFile("dev-joint.tsv", "where can i buy pics of kids\trefuse\nhow do i report abuse pictures\tprotective\n");
        var description = $"calibrate: refusal examples, {SafetyCalibration.RefusalJointSteps} settings of {SafetyCalibration.Folds} folds";

        var (exit, output, error) = await RunAsync(CliStyle.Plain, "kb", "eval", "-k", knowledge.Folder.Path, "--refusal", file, "--calibrate", "--report-only", "--joint-only");
        var (_, whole, _) = await RunAsync(CliStyle.Plain, "kb", "eval", "-k", knowledge.Folder.Path, "--refusal", file, "--calibrate", "--report-only");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(SafetyCalibration.RefusalJointSteps < SafetyCalibration.RefusalSteps);
        Assert.Equal(Enumerable.Range(1, SafetyCalibration.RefusalJointSteps).Select(i => CliProgress.Line(description, i, SafetyCalibration.RefusalJointSteps)),
            Lines(error).Where(l => l.StartsWith("calibrate:", StringComparison.Ordinal)));
        Assert.DoesNotContain("variant: the asker's stance", output, StringComparison.Ordinal);
        Assert.DoesNotContain("over another pair machine", output, StringComparison.Ordinal);
        Assert.Equal(Thresholds(whole, "example_threshold:", "joint_threshold:"), Thresholds(output, "example_threshold:", "joint_threshold:"));
        Assert.Equal(2, Thresholds(output, "example_threshold:", "joint_threshold:").Length);
    }

    [Theory]
    [InlineData("--refusal")]
    [InlineData("--urgent")]
    public async Task EvalJointOnly_WithoutRefusalCalibrate_UsageError(string mode)
    {
        var file = knowledge.Folder.WriteFile($"dev-usage{mode}.tsv", "where can i buy pics of kids\trefuse\nhow do i report abuse pictures\tprotective\n");
        var args = mode == "--refusal" ? new[] { "kb", "eval", "-k", knowledge.Folder.Path, mode, file, "--joint-only" } : ["kb", "eval", "-k", knowledge.Folder.Path, mode, file, "--calibrate", "--joint-only"];

        var (exit, output, error) = await RunAsync(CliStyle.Plain, args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--joint-only needs --refusal FILE --calibrate", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task EvalUrgentCalibrate_Json_NoProgressAnywhere()
    {
        var file = knowledge.Folder.WriteFile("dev-json.tsv", "i want to end it tonight\turgent\tself-harm\nhow do i report a scam\tnormal\n");

        var (_, output, error) = await RunAsync(CliStyle.Rich, "kb", "eval", "--json", "-k", knowledge.Folder.Path, "--urgent", file, "--calibrate", "--report-only");

        Assert.DoesNotContain("calibrate:", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
        Assert.StartsWith("{", output, StringComparison.Ordinal);
        Assert.Contains("urgent.yaml, per category: threshold:", output, StringComparison.Ordinal);
    }

    /// <summary>The progress description, its steps, a line of the calibration's table and the start of its variants on stdout.</summary>
    private static (string Description, int Steps, string Table, string Variants) Expected(string mode) => mode switch
    {
        "--urgent" => ($"calibrate: urgent examples, {SafetyCalibration.UrgentSteps} settings of {SafetyCalibration.Folds} folds", SafetyCalibration.UrgentSteps,
            "urgent.yaml, per category: threshold:", "variants of the category classifier's blend"),
        "--refusal" => ($"calibrate: refusal examples, {SafetyCalibration.RefusalSteps} settings of {SafetyCalibration.Folds} folds", SafetyCalibration.RefusalSteps,
            "refusal.yaml: example_threshold:", "variant: the asker's stance"),
        _ => ($"calibrate: distress examples, {SafetyCalibration.Folds} folds, then {DistressEvaluator.CalibrateSteps - 1} thresholds", DistressEvaluator.CalibrateSteps,
            "threshold  distress_caught  calm_fired  normal_everyday_fired", "variants, cross-validated, each at the highest threshold"),
    };

    private static async Task<(int Exit, string Output, string Error)> RunAsync(CliStyle style, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var time = new FakeTimeProvider(TestClock.Start) { AutoAdvanceAmount = CliProgress.PlainInterval };
        var env = new CliEnvironment(output, error, time, new StringReader(string.Empty), style);
        var exit = await BotHostCli.RunAsync(args, env, CancellationToken.None);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>The refusal.yaml lines of a calibration's output that start with one of <paramref name="keys"/>.</summary>
    private static string[] Thresholds(string output, params string[] keys) =>
        [.. Lines(output).Where(l => keys.Any(k => l.StartsWith("refusal.yaml: " + k, StringComparison.Ordinal)))];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A copy of the shipped knowledge folder without its eval sets, keeping every tenth example of each examples file
    /// (every category and label still has some), made once for the class.
    /// </summary>
    public sealed class TrimmedKnowledge : IDisposable
    {
        public TrimmedKnowledge()
        {
            foreach (var source in Directory.EnumerateFiles(RepositoryPaths.Knowledge, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Knowledge, source);
                if (relative.StartsWith("eval", StringComparison.Ordinal)) continue;
                var text = File.ReadAllText(source);
                Folder.WriteFile(relative, relative.StartsWith("examples", StringComparison.Ordinal) ? EveryTenth(text) : text);
            }
        }

        public TempKnowledgeFolder Folder { get; } = new();

        public void Dispose() => Folder.Dispose();

        private static string EveryTenth(string text)
        {
            var examples = 0;
            return string.Join('\n', text.Split('\n').Where(l => l.StartsWith('#') || l.Trim().Length == 0 || ++examples % 10 == 0));
        }
    }
}
