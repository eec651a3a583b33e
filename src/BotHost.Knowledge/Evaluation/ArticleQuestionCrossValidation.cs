using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// The articles' own questions as should-answer samples for <c>kb eval --calibrate</c>, each searched against a
/// knowledge base built without its fold of the questions, so it stands for a question no one wrote down for that
/// article, as a member's unseen question is. The eval questions the ranking was tuned on match better than unseen
/// ones do; fitted on them and on everyday examples alone, the model puts its threshold where it declines the unseen
/// questions of the blind sets (issue #14: declines without losing answers).
/// </summary>
public static class ArticleQuestionCrossValidation
{
    /// <summary>Folds: each knowledge base leaves out every fifth question, counted over all articles.</summary>
    public const int Folds = 5;

    /// <summary>
    /// One should-answer sample per article question the search matches at all (one that matches nothing is declined
    /// whatever the model says), each with weight <paramref name="weight"/>.
    /// </summary>
    public static IReadOnlyList<CalibrationSample> Samples(IReadOnlyList<HeldOutSearch> searches, double weight)
    {
        ArgumentNullException.ThrowIfNull(searches);
        return [.. searches.Where(s => s.Ranked.Count > 0).Select(s => CalibrationSample.Of(s.Ranked[0], shouldAnswer: true, weight))];
    }

    /// <inheritdoc cref="Samples(IReadOnlyList{HeldOutSearch}, double)"/>
    /// <param name="options">How <paramref name="knowledge"/> was built (its encoder and features); each fold is built the same way.</param>
    /// <param name="step">Called once per question searched (progress).</param>
    public static IReadOnlyList<CalibrationSample> Samples(KnowledgeBase knowledge, KnowledgeOptions options, TimeProvider time, string region, double weight,
        Action? step = null) => Samples(Search(knowledge, options, time, region, step), weight);

    /// <summary>Every article question, searched against the knowledge base built without its fold of the questions.</summary>
    /// <param name="options">How <paramref name="knowledge"/> was built (its encoder and features); each fold is built the same way.</param>
    /// <param name="step">Called once per question searched (progress).</param>
    public static IReadOnlyList<HeldOutSearch> Search(KnowledgeBase knowledge, KnowledgeOptions options, TimeProvider time, string region, Action? step = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var articles = knowledge.Snapshot.Articles;
        var questions = articles.SelectMany((a, index) => a.Questions.Select(q => (Question: q, Article: index))).ToList();
        var searches = new List<HeldOutSearch>(questions.Count);
        var folds = Math.Min(Folds, questions.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var held = fold;
            var counter = 0;
            var kept = new List<Article>(articles.Count);
            foreach (var article in articles) kept.Add(article with { Questions = [.. article.Questions.Where(_ => counter++ % folds != held)] });
            using var without = KnowledgeBase.Build(knowledge.Snapshot with { Articles = kept }, options, time);
            for (var i = held; i < questions.Count; i += folds)
            {
                searches.Add(new HeldOutSearch(questions[i].Article, held, without.Search(questions[i].Question, region).Ranked));
                step?.Invoke();
            }
        }

        return searches;
    }
}

/// <summary>One article question searched with its fold held out of the index.</summary>
/// <param name="Article">The index of the article the question belongs to.</param>
/// <param name="Fold">The fold it was held out in.</param>
/// <param name="Ranked">What the search ranked.</param>
public sealed record HeldOutSearch(int Article, int Fold, IReadOnlyList<RankedArticle> Ranked);
