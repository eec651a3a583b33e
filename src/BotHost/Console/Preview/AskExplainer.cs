using System.Globalization;
using BotHost.Core.Messages;
using BotHost.Knowledge;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Search;

namespace BotHost.Console.Preview;

/// <summary>
/// Works out why a question got its reply from what the knowledge base exposes: the safety verdicts with the rule that
/// fired, the analysed question, the ranked articles with their features and confidence, and the decision against the
/// thresholds. Read-only: it asks the same version the reply came from.
/// </summary>
public static class AskExplainer
{
    public static AskExplanation Explain(KnowledgeBase knowledge, KnowledgeOptions options, string question, string region, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(reply);
        var asker = RegionCode.Normalize(region) ?? RegionCode.International;
        var search = knowledge.Search(question, asker);
        var semantic = search.Ranked.Any(r => r.Cosine != 0);
        var byWords = Places(search.Ranked, r => r.Score);
        var byMeaning = Places(search.Ranked, r => r.Cosine);
        var ranked = search.Ranked.Select((r, i) =>
        {
            var article = knowledge.Articles[r.Article];
            return new RankedRow(i + 1, article.Id, article.Title, article.Sections[knowledge.QuotedSection(r, question, asker)].Heading, r.Score, r.Coverage, r.TopicCoverage,
                r.QuestionScore, r.Anchor, r.OffTopicScore, r.Confidence, r.Cosine, byWords[i], semantic ? byMeaning[i] : null);
        }).ToList();
        var concepts = search.Query.Concepts.Select(c => new ConceptRow(c.Typed, [.. c.Alternatives.Select(a => a.ToString())], c.Known)).ToList();
        var top = ranked.Count > 0 ? ranked[0].Confidence : 0;
        return new AskExplanation(
            Refusal(knowledge, question),
            Urgent(knowledge, question),
            Handler(reply.Kind),
            concepts,
            [.. search.Query.Corrections.Select(c => $"{c.Typed} → {c.ReadAs}")],
            ranked,
            new DecisionRow(search.Declined, top, options.DeclineThreshold, options.ConfidentThreshold, options.AmbiguityMargin, Reason(search.Declined, ranked, options),
                search.Ranked.Count > 0 ? search.Ranked[0].EverydayCosine : 0));
    }

    /// <summary>Each listed article's place (1 = first) when the list is ordered by <paramref name="feature"/>, highest first.</summary>
    private static int[] Places(IReadOnlyList<RankedArticle> ranked, Func<RankedArticle, double> feature)
    {
        var places = new int[ranked.Count];
        var order = Enumerable.Range(0, ranked.Count).OrderByDescending(i => feature(ranked[i])).ToList();
        for (var place = 0; place < order.Count; place++) places[order[place]] = place + 1;
        return places;
    }

    private static RuleVerdict? Refusal(KnowledgeBase knowledge, string question)
    {
        if (knowledge.Safety.RefusalReason(question) is not { } reason) return null;
        return reason.Rule is { } rule
            ? new RuleVerdict(null, "refusal.yaml", rule.Line)
            : new RuleVerdict(null, reason.Examples?.Nearest?.File ?? "examples", reason.Examples?.Nearest?.Line ?? 0, reason.Examples?.Score ?? 0);
    }

    private static RuleVerdict? Urgent(KnowledgeBase knowledge, string question) => knowledge.Safety.MatchUrgent(question) switch
    {
        { Rule: { } rule } match => new RuleVerdict(match.Category.Id, "urgent.yaml", rule.Line),
        { } match => new RuleVerdict(match.Category.Id, match.Examples?.Nearest?.File ?? "examples", match.Examples?.Nearest?.Line ?? 0, match.Examples?.Score ?? 0),
        null => null,
    };

    private static string Handler(ReplyKind kind) => kind switch
    {
        ReplyKind.Urgent => "urgent help (urgent.yaml), then the best article",
        ReplyKind.Refusal => "refusal (refusal.yaml) with the prevention resources",
        ReplyKind.Distress => "distress safety net (urgent.yaml distress:): lines to talk to, then the best article",
        ReplyKind.Answer => "the knowledge answer",
        ReplyKind.Declined => "decline with general help",
        ReplyKind.Help or ReplyKind.About or ReplyKind.Hotlines => "a command",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Reason(bool declined, List<RankedRow> ranked, KnowledgeOptions options)
    {
        if (ranked.Count == 0) return "No article matched any word of the question, so it is declined.";
        var top = ranked[0].Confidence;
        var f = CultureInfo.InvariantCulture;
        if (!declined) return string.Format(f, "Answered: the top confidence {0:0.000} is at least the decline threshold {1:0.000}.", top, options.DeclineThreshold);
        if (top < options.DeclineThreshold) return string.Format(f, "Declined: the top confidence {0:0.000} is below the decline threshold {1:0.000}.", top, options.DeclineThreshold);
        return string.Format(f, "Declined: the top two articles ({0:0.000} and {1:0.000}) are closer than the ambiguity margin {2:0.000} and neither reaches {3:0.000}.",
            top, ranked[1].Confidence, options.AmbiguityMargin, options.ConfidentThreshold);
    }
}
