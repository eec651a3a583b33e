using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// The misroute check of <c>kb eval --urgent</c> (issue #13 item 5): every message an urgent eval file labels urgent is
/// a member in danger, and the answer it gets must not quote an article written for people worried about their own
/// thoughts (<see cref="Audience.OwnThoughts"/>). The answer is the knowledge base's <see cref="KnowledgeBase.Ask"/>, the
/// one the urgent-help reply and the ordinary answer both quote from, for the international region (every article).
/// </summary>
public static class MisrouteEvaluator
{
    /// <summary>What a misroute records as expected, for <see cref="UrgentEvalMiss"/>.</summary>
    public const string Expected = "no own-thoughts article";

    /// <summary>The urgent cases whose answer quotes an own-thoughts article, each with the articles it quotes.</summary>
    public static IReadOnlyList<UrgentEvalMiss> Run(IReadOnlyList<UrgentEvalCase> cases, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(knowledge);
        var ownThoughts = knowledge.Articles.Where(a => a.Audiences.Contains(Audience.OwnThoughts)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var misroutes = new List<UrgentEvalMiss>();
        if (ownThoughts.Count == 0) return misroutes;
        foreach (var c in cases.Where(c => c.IsUrgent))
        {
            var quoted = knowledge.Ask(c.Message, AskContext.International).Passages.Select(p => p.ArticleId).ToList();
            if (quoted.Any(ownThoughts.Contains)) misroutes.Add(new UrgentEvalMiss(c.Line, c.Message, Expected, string.Join(',', quoted)));
        }

        return misroutes;
    }
}
