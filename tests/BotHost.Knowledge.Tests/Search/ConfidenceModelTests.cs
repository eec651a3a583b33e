using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class ConfidenceModelTests
{
    [Theory]
    [InlineData(9.0, 0.0, 0.0)]
    [InlineData(5.0, 5.0, 0.0)]
    [InlineData(6.0, 2.0, 0.0)]
    [InlineData(0.0, 6.0, 1.9459)]
    [InlineData(2.0, 8.0, 1.0986)]
    public void OffTopicLead_ArticleQuestionAgainstOffTopicExample_IsTheLogLeadOfTheExampleOrZero(double question, double offTopic, double expected)
    {
        Assert.Equal(expected, ConfidenceModel.OffTopicLead(question, offTopic), precision: 3);
    }

    [Fact]
    public void Confidence_OffTopicLeadGrows_ConfidenceFalls()
    {
        var model = ConfidenceModel.Default;

        var none = model.Confidence(score: 10, coverage: 0.6, anchor: 0.5, topic: 0.6, offTopicLead: 0);
        var some = model.Confidence(score: 10, coverage: 0.6, anchor: 0.5, topic: 0.6, offTopicLead: 0.2);

        Assert.True(some < none);
        Assert.InRange(none, 0, 1);
        Assert.InRange(some, 0, 1);
    }
}
