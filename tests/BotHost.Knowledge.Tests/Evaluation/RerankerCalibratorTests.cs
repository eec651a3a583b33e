using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class RerankerCalibratorTests
{
    /// <summary>
    /// Held-out questions whose own article the fused ranking places second but which is the closer by its sections
    /// (in half of them; in the other half the fused order is right and the first is also the closer).
    /// </summary>
    private static List<HeldOutSearch> SecondButCloser()
    {
        var searches = new List<HeldOutSearch>();
        for (var i = 0; i < 40; i++)
        {
            var swapped = i % 2 == 0;
            var (first, second) = (new RankedArticle(1, 0, 5, 0.8, 0.9) { FusedRank = 0, DocumentCosine = swapped ? 0.40 : 0.60 },
                new RankedArticle(2, 0, 4, 0.8, 0.9) { FusedRank = 1, DocumentCosine = swapped ? 0.60 : 0.40 });
            searches.Add(new HeldOutSearch(swapped ? 2 : 1, i % ArticleQuestionCrossValidation.Folds, [first, second]));
        }

        return searches;
    }

    [Fact]
    public void Fit_OwnArticleAlwaysTheCloserBySections_WeighsTheDocumentCosinePositively()
    {
        var reranker = RerankerCalibrator.Fit(SecondButCloser());

        Assert.True(reranker.Weights[Reranker.FeatureNames.IndexOf("document_cosine")] > 0);
    }

    [Fact]
    public void CrossValidatedRecallAt1_FusedOrderRightHalfTheTime_RerankedRightEveryTime()
    {
        var (reranked, fused) = RerankerCalibrator.CrossValidatedRecallAt1(SecondButCloser());

        Assert.Equal(0.5, fused, precision: 9);
        Assert.Equal(1.0, reranked, precision: 9);
    }

    [Fact]
    public void ConditionalLogit_ChosenCandidateHigherOnTheSecondFeature_WeighsItPositivelyAndLeavesTheSharedFeatureAtZero()
    {
        // lists of three: the first feature is the same for every candidate of a list, the second is highest for the chosen
        // one in four lists of five (so the fit stays finite)
        var choices = Enumerable.Range(0, 50).Select(i => (Candidates: new[]
        {
            new[] { 1.0, 0.2 }, new[] { 1.0, i % 5 == 0 ? 0.9 : 0.5 }, new[] { 1.0, 0.1 },
        }, Chosen: i % 5 == 0 ? 0 : 1)).ToList();

        var beta = RerankerCalibrator.ConditionalLogit(choices, k: 2, ridge: 0.1);

        Assert.Equal(0, beta[0], precision: 9);
        Assert.True(beta[1] > 0);
    }
}
