using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;

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
    public void Fit_SeparableByOnTopicLogOdds_LearnsAPositiveOnTopicWeight()
    {
        // coverage and strength say nothing here; only the on-topic model's log-odds tells the classes apart
        var samples = Enumerable.Range(0, 50)
            .SelectMany(i => new[]
            {
                new CalibrationSample(0.5, 5, ShouldAnswer: true, OnTopic: 1 + (i % 5 * 0.5)),
                new CalibrationSample(0.5, 5, ShouldAnswer: false, OnTopic: -1 - (i % 5 * 0.5)),
            })
            .ToList();

        var model = ConfidenceCalibrator.Fit(samples);

        Assert.True(model.OnTopicWeight > 0);
        Assert.True(model.Confidence(score: 5, coverage: 0.5, onTopic: 2) > 0.9);
        Assert.True(model.Confidence(score: 5, coverage: 0.5, onTopic: -2) < 0.1);
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
    public void ThresholdTable_EverydayAndHeldOut_AddsTheirDeclinedAndAnsweredShares()
    {
        var model = new ConfidenceModel(Intercept: -5, CoverageWeight: 10, StrengthWeight: 0);
        var samples = new[] { new CalibrationSample(0.9, 0, true), new CalibrationSample(0.1, 0, false) };
        var everyday = new[] { new CalibrationSample(0.1, 0, false), new CalibrationSample(0.7, 0, false) };
        var heldOut = new[] { new CalibrationSample(0.3, 0, true), new CalibrationSample(0.6, 0, true), new CalibrationSample(0.8, 0, true), new CalibrationSample(0.9, 0, true) };

        var table = ConfidenceCalibrator.ThresholdTable(model, samples, everyday, heldOut);

        // confidence 0.5 falls at coverage 0.5: one everyday example of two is declined, three held-out questions of four are answered
        Assert.StartsWith("threshold answered declined everyday_declined held_out_answered\n", table, StringComparison.Ordinal);
        Assert.Contains("     0.50    1.000    1.000             0.500             0.750\n", table, StringComparison.Ordinal);
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

    [Fact]
    public void Fit_NeighbourMarginSeparates_LearnsAPositiveNeighbourMarginWeight()
    {
        var samples = Enumerable.Range(0, 40)
            .SelectMany(i => new[]
            {
                new CalibrationSample(0.5, 6, ShouldAnswer: true, NeighbourMargin: 0.05 + (i % 5 * 0.02)),
                new CalibrationSample(0.5, 6, ShouldAnswer: false, NeighbourMargin: -0.05 - (i % 5 * 0.02)),
            })
            .ToList();

        var model = ConfidenceCalibrator.Fit(samples);

        Assert.True(model.NeighbourMarginWeight > 0);
        Assert.True(model.Confidence(6, 0.5, neighbourMargin: 0.1) > 0.8);
        Assert.True(model.Confidence(6, 0.5, neighbourMargin: -0.1) < 0.2);
    }

    [Fact]
    public void Fit_WeightedNegatives_MoveTheBoundaryLessThanFullWeight()
    {
        List<CalibrationSample> Samples(double weight) =>
        [
            .. Enumerable.Range(0, 30).Select(i => new CalibrationSample(0.3 + (i % 10 * 0.07), 5, ShouldAnswer: true)),
            .. Enumerable.Range(0, 30).Select(i => new CalibrationSample(0.1 + (i % 10 * 0.07), 5, ShouldAnswer: false, Weight: weight)),
        ];

        var half = ConfidenceCalibrator.Fit(Samples(0.5));
        var full = ConfidenceCalibrator.Fit(Samples(1));

        Assert.True(half.Confidence(5, 0.5) > full.Confidence(5, 0.5));
    }

    [Fact]
    public void HighestThreshold_AnswerRateRequired_IsTheHighestThatStillAnswersIt()
    {
        var model = new ConfidenceModel(Intercept: -5, CoverageWeight: 10, StrengthWeight: 0);
        var samples = new[] { 0.2, 0.5, 0.8, 0.9 }.Select(c => new CalibrationSample(c, 0, ShouldAnswer: true)).ToList();

        var threshold = ConfidenceCalibrator.HighestThreshold(model, samples, minAnswered: 0.75);

        Assert.Equal(0.5, model.Confidence(0, 0.5), 6);
        Assert.Equal(0.5, threshold, 6);
    }

    [Fact]
    public void BalancedThreshold_StandIns_AnswersAndDeclinesTheMostOfBoth()
    {
        // confidence from coverage: held-out questions at 0.38, 0.62, 0.73, 0.88, 0.95; everyday examples at 0.12, 0.27, 0.38, 0.5, 0.82
        var model = new ConfidenceModel(Intercept: -5, CoverageWeight: 10, StrengthWeight: 0);
        var heldOut = new[] { 0.45, 0.55, 0.6, 0.7, 0.8 }.Select(c => new CalibrationSample(c, 0, ShouldAnswer: true)).ToList();
        var everyday = new[] { 0.3, 0.4, 0.45, 0.5, 0.65 }.Select(c => new CalibrationSample(c, 0, ShouldAnswer: false)).ToList();

        var threshold = ConfidenceCalibrator.BalancedThreshold(model, heldOut, everyday);

        // above 0.5 and up to 0.62 four of five are answered and four of five declined; any other threshold loses more
        // of one than it wins of the other; the highest of that plateau is kept
        Assert.Equal(0.62, threshold, 6);
        var (answered, declined) = ConfidenceCalibrator.RatesAt(model, [.. heldOut, .. everyday], threshold);
        Assert.Equal(0.8, answered, 6);
        Assert.Equal(0.8, declined, 6);
    }

    [Fact]
    public void Recentred_MovesTheChosenThresholdToTheGivenConfidence()
    {
        var model = new ConfidenceModel(Intercept: -1, CoverageWeight: 4, StrengthWeight: 0);
        var atThreshold = Enumerable.Range(0, 1001).Select(i => i / 1000.0).First(c => model.Confidence(0, c) >= 0.3);

        var recentred = ConfidenceCalibrator.Recentred(model, threshold: 0.3, at: 0.6);

        Assert.Equal(0.6, recentred.Confidence(0, atThreshold), 2);
        Assert.Equal(model.CoverageWeight, recentred.CoverageWeight);
    }

    [Fact]
    public void TypoNoise_SameSeed_GivesTheSameMisspellingOfOneOrTwoWords()
    {
        const string question = "how do i report sextortion on instagram";

        var once = TypoNoise.Apply(question, 42);
        var again = TypoNoise.Apply(question, 42);

        Assert.Equal(once, again);
        Assert.NotEqual(question, once);
        var changed = question.Split(' ').Zip(once.Split(' ')).Count(w => w.First != w.Second);
        Assert.InRange(changed, 1, 2);
    }

    [Fact]
    public void TypoNoise_NoWordOfFourLetters_LeavesTheTextAsItIs() => Assert.Equal("hi u ok", TypoNoise.Apply("hi u ok", 7));
}
