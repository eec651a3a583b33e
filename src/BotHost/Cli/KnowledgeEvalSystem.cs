using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;

namespace BotHost.Cli;

/// <summary>The bot as <c>kb eval</c> measures it: the ranking and the answer-or-decline decision for each question.</summary>
internal static class KnowledgeEvalSystem
{
    public static Func<string, EvalOutcome> Create(KnowledgeBase knowledge, string region) => question =>
    {
        if (knowledge.Safety.IsRefused(question)) return new EvalOutcome([], Declined: false, Refused: true);
        var result = knowledge.Search(question, region);
        var ranked = result.Ranked.Select(r => knowledge.Articles[r.Article].Id).ToList();
        return new EvalOutcome(ranked, result.Declined, Refused: false, TopSection(knowledge, result, question, region));
    };

    /// <summary><c>article#section-anchor</c> of the section the top article is quoted from (for the asker's region, as an answer quotes it).</summary>
    public static string? TopSection(KnowledgeBase knowledge, Knowledge.Search.SearchResult result, string question, string region)
    {
        if (result.Ranked.Count == 0) return null;
        var article = knowledge.Articles[result.Ranked[0].Article];
        return $"{article.Id}{EvalSetReader.SectionMarker}{article.Sections[knowledge.QuotedSection(result.Ranked[0], question, region)].Anchor}";
    }
}
