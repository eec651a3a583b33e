using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// Fits the <see cref="Reranker"/> for <c>kb eval --calibrate</c>: for every held-out article question whose article is
/// among the first <see cref="Reranker.Depth"/> of at least two ranked, each of those articles is a sample, the question's
/// own article positive and the others negative (pointwise logistic regression over <see cref="Reranker.Features"/>).
/// The eval sets play no part: they measure the result.
/// </summary>
public static class RerankerCalibrator
{
    /// <summary>Stronger than the confidence model's: the features are many and correlated (the cosines move together).</summary>
    private const double Ridge = 0.1;

    public static Reranker Fit(IEnumerable<HeldOutSearch> searches)
    {
        ArgumentNullException.ThrowIfNull(searches);
        var rows = new List<(double[] X, bool Y, double Weight)>();
        foreach (var search in searches)
        {
            var top = search.Ranked.Take(Reranker.Depth).ToList();
            // nothing to learn from one candidate, or from candidates none of which is right
            if (top.Count < 2 || !top.Any(t => t.Article == search.Article)) continue;
            for (var i = 0; i < top.Count; i++) rows.Add((Reranker.Features(top, i), top[i].Article == search.Article, 1));
        }

        return rows.Count == 0 ? new Reranker([.. new double[Reranker.FeatureNames.Length]]) : new Reranker([.. ConfidenceCalibrator.Logistic(rows, Reranker.FeatureNames.Length, Ridge)]);
    }

    /// <summary>
    /// Recall@1 of the held-out questions with each fold re-ordered by a model fitted on the other folds (what the
    /// reranker does for a question it was not fitted on), and without re-ordering.
    /// </summary>
    public static (double Reranked, double Fused) CrossValidatedRecallAt1(IReadOnlyList<HeldOutSearch> searches)
    {
        ArgumentNullException.ThrowIfNull(searches);
        if (searches.Count == 0) return (0, 0);
        var (reranked, fused) = (0, 0);
        foreach (var fold in searches.Select(s => s.Fold).Distinct())
        {
            var model = Fit(searches.Where(s => s.Fold != fold));
            foreach (var search in searches.Where(s => s.Fold == fold))
            {
                if (search.Ranked.Count == 0) continue;
                // the search ran with the shipped reranker: its fused order is each article's FusedRank
                var order = search.Ranked.OrderBy(r => r.FusedRank).ToList();
                if (order[0].Article == search.Article) fused++;
                if (model.Rerank(order)[0].Article == search.Article) reranked++;
            }
        }

        return (reranked / (double)searches.Count, fused / (double)searches.Count);
    }
}
