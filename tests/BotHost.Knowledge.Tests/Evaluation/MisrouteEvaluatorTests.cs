using BotHost.Knowledge.Evaluation;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class MisrouteEvaluatorTests
{
    private static UrgentEvalReport Report(IReadOnlyList<UrgentEvalMiss>? misroutes) => new()
    {
        UrgentCases = 1,
        NormalCases = 1,
        UrgentRecall = 1,
        CategoryAccuracy = 1,
        NormalFalsePositiveRate = 0,
        Misses = [],
        Misroutes = misroutes,
    };

    [Fact]
    public void Run_UrgentCaseAnsweredWithAnOwnThoughtsArticle_IsAMisrouteAndANormalCaseIsNot()
    {
        using var folder = TempKnowledgeFolder.With(
            TempKnowledgeFolder.Article("own-thoughts-help", "Help if you worry you might hurt someone",
                ["i worry i might hurt someone", "help before i hurt someone", "scared i will hurt someone"],
                [("Talk to someone", "A confidential line can help you stop before anyone is hurt.")],
                audience: ["people-worried-about-own-thoughts"]),
            TempKnowledgeFolder.Article("staying-safe", "Staying safe online", ["how do i stay safe online", "privacy settings", "blocking people"],
                [("Settings", "Make your account private.")]));
        using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;
        // No urgent.yaml here, so nothing reads as urgent and nothing keeps the article from the message labelled urgent.
        UrgentEvalCase[] cases = [new("i worry i might hurt someone", "immediate-danger", 2), new("i worry i might hurt someone", null, 3), new("how do i stay safe online", "self-harm", 4)];

        var misroutes = MisrouteEvaluator.Run(cases, knowledge);

        var misroute = Assert.Single(misroutes);
        Assert.Equal(2, misroute.Line);
        Assert.Equal("own-thoughts-help", misroute.Got);
    }

    [Fact]
    public void Failures_AMisroute_FailsEvenAtTheLowestFloors()
    {
        var report = Report([new UrgentEvalMiss(7, "m", MisrouteEvaluator.Expected, "own-thoughts-help")]);

        var failures = report.Failures(recallFloor: 0, falsePositiveCeiling: 1);

        Assert.Contains(failures, f => f.StartsWith("misroutes 1", StringComparison.Ordinal));
        Assert.Contains("misroutes=1", report.ToText(), StringComparison.Ordinal);
        Assert.DoesNotContain("misroute line 7", report.ToText(showMisses: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_NoMisroutes_AddsNothing()
    {
        Assert.Empty(Report([]).Failures());
        Assert.Empty(Report(null).Failures());
        Assert.DoesNotContain("misroutes", Report(null).ToText(), StringComparison.Ordinal);
    }
}
