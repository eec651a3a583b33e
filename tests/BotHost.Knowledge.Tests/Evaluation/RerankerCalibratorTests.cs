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
}
