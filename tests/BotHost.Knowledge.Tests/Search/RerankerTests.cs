using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class RerankerTests
{
    private static readonly int DocumentCosine = Reranker.FeatureNames.IndexOf("document_cosine");

    /// <summary>A model that orders by the cosine with the article's title, summary and sections alone.</summary>
    private static Reranker ByDocumentCosine()
    {
        var weights = new double[Reranker.FeatureNames.Length];
        weights[DocumentCosine] = 1;
        return new Reranker([.. weights]);
    }

    private static RankedArticle Candidate(int article, int fusedRank, double documentCosine) =>
        new(article, Section: 0, Score: 1, Coverage: 1, Confidence: 0.9) { FusedRank = fusedRank, DocumentCosine = documentCosine };

    [Fact]
    public void Rerank_CloserArticleThirdInTheFusedOrder_ComesFirst()
    {
        var ranked = new[] { Candidate(10, 0, 0.50), Candidate(11, 1, 0.40), Candidate(12, 2, 0.70) };

        var reranked = ByDocumentCosine().Rerank(ranked);

        Assert.Equal(new[] { 12, 10, 11 }, reranked.Select(r => r.Article));
    }

    [Fact]
    public void Rerank_CloserArticleBelowTheDepth_KeepsItsPlace()
    {
        var ranked = Enumerable.Range(0, Reranker.Depth + 2).Select(i => Candidate(i, i, i == Reranker.Depth ? 0.9 : 0.5 - (i * 0.01))).ToList();

        var reranked = ByDocumentCosine().Rerank(ranked);

        Assert.Equal(ranked.Select(r => r.Article), reranked.Select(r => r.Article));
    }

    [Fact]
    public void Features_BestAndRunnerUp_AreMeasuredBelowTheBestOfTheCandidates()
    {
        var top = new[] { Candidate(1, 0, 0.60), Candidate(2, 1, 0.45) };

        Assert.Equal(0, Reranker.Features(top, 0)[DocumentCosine], precision: 9);
        Assert.Equal(-0.15, Reranker.Features(top, 1)[DocumentCosine], precision: 9);
        Assert.Equal(0.5, Reranker.Features(top, 1)[Reranker.FeatureNames.IndexOf("fused_rank")], precision: 9);
    }

    [Fact]
    public void Features_ClassLogProbabilityAndSemanticRank_TheClassifierBelowTheBestCandidateTheRankAsReciprocal()
    {
        var top = new[]
        {
            Candidate(1, 0, 0.60) with { ClassLogProbability = -0.5, SemanticRank = 1 },
            Candidate(2, 1, 0.45) with { ClassLogProbability = -2.0, SemanticRank = 0 },
        };

        var first = Reranker.Features(top, 0);
        var second = Reranker.Features(top, 1);

        Assert.Equal(0, first[Reranker.FeatureNames.IndexOf("class_log_probability")], precision: 9);
        Assert.Equal(-1.5, second[Reranker.FeatureNames.IndexOf("class_log_probability")], precision: 9);
        Assert.Equal(0.5, first[Reranker.FeatureNames.IndexOf("semantic_rank")], precision: 9);
        Assert.Equal(1, second[Reranker.FeatureNames.IndexOf("semantic_rank")], precision: 9);
    }

    [Fact]
    public void Features_QuestionWords_MeasuredBelowTheBestCandidate()
    {
        var top = new[]
        {
            Candidate(1, 0, 0.60) with { QuestionWords = -12.0 },
            Candidate(2, 1, 0.45) with { QuestionWords = -9.5 },
        };

        Assert.Equal(-2.5, Reranker.Features(top, 0)[Reranker.FeatureNames.IndexOf("question_words")], precision: 9);
        Assert.Equal(0, Reranker.Features(top, 1)[Reranker.FeatureNames.IndexOf("question_words")], precision: 9);
    }

    [Fact]
    public void Default_OneWeightPerFeature()
    {
        Assert.Equal(Reranker.FeatureNames.Length, Reranker.Default.Weights.Length);
    }
}
