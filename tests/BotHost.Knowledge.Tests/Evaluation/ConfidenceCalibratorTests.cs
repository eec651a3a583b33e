using BotHost.Knowledge.Evaluation;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class ConfidenceCalibratorTests
{
    [Fact]
    public void Fit_SeparableByCoverage_GivesHighConfidenceToCoveredAndLowToUncovered()
    {
        var samples = Enumerable.Range(0, 50)
            .SelectMany(i => new[]
            {
                new CalibrationSample(0.7 + (i % 5 * 0.06), 5 + (i % 7), ShouldAnswer: true),
                new CalibrationSample(0.05 + (i % 5 * 0.05), 2 + (i % 7), ShouldAnswer: false),
            })
            .ToList();

        var model = ConfidenceCalibrator.Fit(samples);

        Assert.True(model.CoverageWeight > 0);
        Assert.True(model.Confidence(score: 8, coverage: 0.9) > 0.9);
        Assert.True(model.Confidence(score: 4, coverage: 0.1) < 0.1);
    }

    [Fact]
    public void ThresholdTable_ListsAnsweredAndDeclinedShares()
    {
        var samples = new[] { new CalibrationSample(1, 10, true), new CalibrationSample(0, 1, false) };
        var model = ConfidenceCalibrator.Fit(samples);

        var table = ConfidenceCalibrator.ThresholdTable(model, samples);

        Assert.StartsWith("threshold answered declined\n", table, StringComparison.Ordinal);
        Assert.Contains("     0.50    1.000    1.000", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OffTopicLeadSeparates_LearnsANegativeOffTopicWeight()
    {
        // Same coverage and strength; only whether an off-topic example matched better tells the two apart.
        var samples = Enumerable.Range(0, 60)
            .SelectMany(i => new[]
            {
                new CalibrationSample(0.5, 6 + (i % 4), ShouldAnswer: true, OffTopicLead: i % 3 == 0 ? 0.05 : 0),
                new CalibrationSample(0.5, 6 + (i % 4), ShouldAnswer: false, OffTopicLead: 0.4 + (i % 5 * 0.1)),
            })
            .ToList();

        var model = ConfidenceCalibrator.Fit(samples);

        Assert.True(model.OffTopicWeight < 0);
        Assert.True(model.Confidence(7, 0.5, offTopicLead: 0) > 0.8);
        Assert.True(model.Confidence(7, 0.5, offTopicLead: 0.7) < 0.2);
    }
}
