using BotHost.Knowledge.Evaluation;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class EvalTargetsTests
{
    [Fact]
    public void Parse_NamedMetrics_OverrideOnlyThose()
    {
        var floor = EvalTargets.Parse("recall_at_1=0.8, answer_rate=0.9, section_accuracy=0.75", EvalTargets.Default);

        Assert.Equal(EvalTargets.Default with { RecallAt1 = 0.8, AnswerRate = 0.9, SectionAccuracy = 0.75 }, floor);
    }

    [Theory]
    [InlineData("recall=0.8", "unknown metric 'recall'")]
    [InlineData("mrr=high", "is not metric=value")]
    [InlineData("mrr=1.5", "is not metric=value")]
    public void Parse_BadPair_SaysWhatIsWrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EvalTargets.Parse(text, EvalTargets.Default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
