using BotHost.Knowledge.Evaluation;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private const string File = """
        # question<TAB>expected
        q-first	a
        q-second	b|c
        q-missed	d
        q-off	-
        q-off-answered	-
        q-refuse	!refuse
        """;

    private static readonly Dictionary<string, EvalOutcome> Outcomes = new()
    {
        ["q-first"] = new(["a", "x"], Declined: false, Refused: false),
        ["q-second"] = new(["x", "c"], Declined: false, Refused: false),
        ["q-missed"] = new(["x", "y"], Declined: true, Refused: false),
        ["q-off"] = new(["a"], Declined: true, Refused: false),
        ["q-off-answered"] = new(["a"], Declined: false, Refused: false),
        ["q-refuse"] = new([], Declined: false, Refused: true),
    };

    [Fact]
    public void Run_KnownOutcomes_ComputesEveryFigure()
    {
        var (cases, errors) = EvalSetReader.Read("q.tsv", File.Replace("\\t", "\t", StringComparison.Ordinal));

        var report = Evaluator.Run(cases, q => Outcomes[q]);

        Assert.Empty(errors);
        Assert.Equal(3, report.InScope);
        Assert.Equal(1.0 / 3, report.RecallAt1!.Value, 3);
        Assert.Equal(2.0 / 3, report.RecallAt3!.Value, 3);
        Assert.Equal((1 + 0.5) / 3, report.Mrr!.Value, 3);
        Assert.Equal(2.0 / 3, report.AnswerRate!.Value, 3);
        Assert.Equal(0.5, report.DeclineRate);
        Assert.Equal(1.0, report.RefuseRate);
        Assert.Equal(["q-second", "q-missed", "q-off-answered"], report.Misses.Select(m => m.Question));
    }

    [Fact]
    public void Read_LineWithoutTab_IsReportedWithItsLine()
    {
        var (cases, errors) = EvalSetReader.Read("q.tsv", "good\ta\nno tab here\n");

        Assert.Single(cases);
        Assert.Equal(["q.tsv:2: error: expected 'question<TAB>expected'"], errors);
    }

    [Fact]
    public void Failures_BelowTargets_NamesEachFigure()
    {
        var (cases, _) = EvalSetReader.Read("q.tsv", File);
        var report = Evaluator.Run(cases, q => Outcomes[q]);

        var failures = report.Failures(EvalTargets.Default);

        Assert.Contains("recall_at_1 0.333 < 0.900", failures);
        Assert.Contains("decline_rate 0.500 < 0.950", failures);
        Assert.DoesNotContain(failures, f => f.StartsWith("refuse_rate", StringComparison.Ordinal));
    }

    [Fact]
    public void ToJson_Report_UsesTheDocumentedKeys()
    {
        var (cases, _) = EvalSetReader.Read("q.tsv", File);

        var json = Evaluator.ToJson(Evaluator.Run(cases, q => Outcomes[q]));

        foreach (var key in new[] { "recall_at_1", "recall_at_3", "mrr", "decline_rate", "answer_rate", "refuse_rate" })
        {
            Assert.Contains($"\"{key}\":", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_SectionEntries_GiveTheArticleAndTheSections()
    {
        var (cases, errors) = EvalSetReader.Read("q.tsv", "who started thorn\tthorn#who-founded-it|ashton-kutcher-thorn-role\n");

        Assert.Empty(errors);
        var only = Assert.Single(cases);
        Assert.Equal(["thorn", "ashton-kutcher-thorn-role"], only.Expected);
        Assert.Equal(["thorn#who-founded-it"], only.Sections);
    }

    [Fact]
    public void Run_SectionLines_CountTheTopAnswersQuotedSection()
    {
        var (cases, _) = EvalSetReader.Read("q.tsv", "q-right\ta#one\nq-wrong\ta#one\nq-plain\ta\n");
        var outcomes = new Dictionary<string, EvalOutcome>
        {
            ["q-right"] = new(["a"], Declined: false, Refused: false, TopSection: "a#one"),
            ["q-wrong"] = new(["a"], Declined: false, Refused: false, TopSection: "a#two"),
            ["q-plain"] = new(["a"], Declined: false, Refused: false, TopSection: "a#two"),
        };

        var report = Evaluator.Run(cases, q => outcomes[q]);

        Assert.Equal(1.0, report.RecallAt1);
        Assert.Equal(2, report.SectionCases);
        Assert.Equal(0.5, report.SectionAccuracy);
        var miss = Assert.Single(report.Misses);
        Assert.Equal(("q-wrong", "a#one", "a#two"), (miss.Question, miss.Expected, miss.Got));
        Assert.Contains("section_accuracy 0.500 < 0.900", report.Failures(EvalTargets.Default with { SectionAccuracy = 0.9 }));
    }
}
