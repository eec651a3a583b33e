using BotHost.Cli;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary>
/// Progress of the long steps of <c>kb eval</c> (several files, <c>--calibrate</c>'s questions and folds,
/// <c>--ablation</c>'s configurations), issue #17: plain lines on stderr every five seconds when the output is plain,
/// nothing with --json, the bar at a terminal; never anything on stdout.
/// </summary>
public sealed class CliProgressTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public void Run_PlainStyleStepsOfTwoSeconds_OneLineOnStderrPerIntervalAndNothingOnStdout()
    {
        var result = CliProgress.Run(Environment(CliStyle.Plain), json: false, "calibrate: 1,200 questions", 1_200, step =>
        {
            for (var i = 0; i < 10; i++)
            {
                _time.Advance(TimeSpan.FromSeconds(2));
                step();
            }

            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(
            ["calibrate: 1,200 questions: 3 of 1,200", "calibrate: 1,200 questions: 6 of 1,200", "calibrate: 1,200 questions: 9 of 1,200"],
            Lines(_error));
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public void Run_PlainStyleWorkEndingWithinTheInterval_WritesNothing()
    {
        CliProgress.Run(Environment(CliStyle.Plain), json: false, "ablation: 8 configurations", 8, step =>
        {
            for (var i = 0; i < 8; i++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(600));
                step();
            }

            return 0;
        });

        Assert.Empty(_error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Theory]
    [InlineData(CliStyle.Plain)]
    [InlineData(CliStyle.Rich)]
    public void Run_Json_WritesNothingHowLongTheWorkTakes(CliStyle style)
    {
        CliProgress.Run(Environment(style), json: true, "calibrate: 3 questions", 3, step =>
        {
            for (var i = 0; i < 3; i++)
            {
                _time.Advance(TimeSpan.FromMinutes(1));
                step();
            }

            return 0;
        });

        Assert.Empty(_error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public void Run_StepsFinishingOnManyThreads_EveryStepCounted()
    {
        const int total = 10_001;

        CliProgress.Run(Environment(CliStyle.Plain), json: false, "calibrate: folds", total, step =>
        {
            Parallel.For(0, total - 1, _ => step());
            _time.Advance(CliProgress.PlainInterval);
            step();
            return 0;
        });

        Assert.Equal(["calibrate: folds: 10,001 of 10,001"], Lines(_error));
    }

    [Fact]
    public void Run_RichStyle_BarOnStderrOnlyAndTheResultUnchanged()
    {
        // A rich style with a writer that is not the console's redirected stderr: the bar draws there, never on stdout.
        var result = CliProgress.Run(Environment(CliStyle.Rich), json: false, "ablation: 2 configurations", 2, step =>
        {
            step();
            step();
            return "measured";
        });

        Assert.Equal("measured", result);
        Assert.Contains("ablation: 2 configurations", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    private CliEnvironment Environment(CliStyle style) => new(_output, _error, _time, new StringReader(string.Empty), style);

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
