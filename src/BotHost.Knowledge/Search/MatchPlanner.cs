namespace BotHost.Knowledge.Search;

/// <summary>
/// Chooses which of a query's phrases one FTS5 table is asked to match, from how many rows each phrase matches there.
/// FTS5 ranks by scoring every matching row with bm25 (about 1.2 µs a row: a <c>%_docsize</c> lookup, the phrase
/// instances, the sort), and it reads every row of every word of a phrase twice, to match it and to count it for the
/// idf (about 65 ns a row). Nothing stops early at the best rows, so the work grows with the table. Two rules bound it:
/// <list type="number">
/// <item>A phrase that matches no row of the table is left out. bm25 adds <c>idf × 0</c> for it to every row, so
/// every score stays exactly what the full expression gives (the other phrases keep their order, and so their sum).</item>
/// <item>When the phrases together cost more than the budget, only the rarest are matched, as many as fit, the way
/// Lucene's CommonTermsQuery and Elasticsearch's cutoff_frequency set the commonest words aside. A phrase left out
/// weighs at most 2.2 × its idf in any row's bm25 (k1 + 1, FTS5's k1 being 1.2), and the commonest phrases have the
/// lowest idf. If even the rarest phrase is over the budget, it alone is matched, and only where a row names it in
/// the focus columns (for sections: title, tags and heading). Coverage and confidence still count every concept of
/// the question; only the bm25 retrieval is bounded.</item>
/// </list>
/// </summary>
internal static class MatchPlanner
{
    /// <summary>
    /// The cost, in scored rows, a query may spend in one table: about a millisecond of bm25. On the shipped knowledge
    /// base (99 sections, about 150 questions) the costliest eval question spends 361 in sections and 201 in
    /// questions, so its rankings are exact; on 10,000 generated articles the median question would spend ~13,000.
    /// </summary>
    public const int DefaultBudget = 1000;

    /// <summary>Reading a row of a word's doclist costs about a sixteenth of scoring a row.</summary>
    private const int ReadsPerScoredRow = 16;

    /// <summary>The MATCH expression for the table, or null when no phrase matches anything there.</summary>
    /// <param name="phrases">The query's phrases in query order.</param>
    /// <param name="statistics">For each phrase, how many of the table's rows it matches and how many its words are in.</param>
    /// <param name="focus">
    /// An FTS5 column filter such as <c>{title tags}</c> for when even the rarest phrase is over the budget: only rows
    /// that have it in those columns are matched (and only those instances scored). Null matches it everywhere.
    /// </param>
    public static string? Plan(IReadOnlyList<FtsPhrase> phrases, IReadOnlyList<PhraseStatistics> statistics, int budget, string? focus = null)
    {
        var matching = new List<int>(phrases.Count);
        var total = 0L;
        for (var i = 0; i < phrases.Count; i++)
        {
            if (statistics[i].Rows <= 0) continue;
            matching.Add(i);
            total += Cost(statistics[i]);
        }

        if (matching.Count == 0) return null;
        if (total <= budget) return Join(phrases, matching);

        var rarest = matching.OrderBy(i => statistics[i].Rows).ThenBy(i => i).ToList();
        var kept = new List<int>();
        var spent = 0L;
        foreach (var i in rarest)
        {
            if (spent + Cost(statistics[i]) > budget) continue;
            kept.Add(i);
            spent += Cost(statistics[i]);
        }

        if (kept.Count > 0) return Join(phrases, kept);
        var lone = phrases[rarest[0]].Text;
        return focus is null ? lone : $"{focus} : {lone}";
    }

    /// <summary>True when <see cref="Plan"/> keeps every phrase that matches (the whole query fits the budget).</summary>
    public static bool KeepsAll(IReadOnlyList<PhraseStatistics> statistics, int budget)
    {
        var total = 0L;
        foreach (var phrase in statistics)
        {
            if (phrase.Rows > 0) total += Cost(phrase);
        }

        return total <= budget;
    }

    private static long Cost(PhraseStatistics phrase) => phrase.Rows + (phrase.WordRows / ReadsPerScoredRow);

    /// <summary>Joins the chosen phrases with OR in query order, so bm25 adds their scores in the same order as before.</summary>
    private static string Join(IReadOnlyList<FtsPhrase> phrases, List<int> chosen)
    {
        chosen.Sort();
        return string.Join(" OR ", chosen.Select(i => phrases[i].Text));
    }
}
