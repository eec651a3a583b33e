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
        return new EvalOutcome(ranked, result.Declined, Refused: false);
    };
}
