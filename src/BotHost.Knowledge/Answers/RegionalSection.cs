using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Coverage;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Knowledge.Answers;

/// <summary>
/// Which section of an article to quote for an asker's region (issue #15): when the ranking picked a section about
/// another country ("Reporting in the US" for a member in Canada), the article's section naming the asker's region is
/// quoted instead, or, when it has none, its section for everywhere else ("... and elsewhere"). A country the question
/// names comes first; a section that names no region, and an asker with no region, keep the ranking's choice.
/// Regions and their names come from coverage.yaml, as in <c>kb coverage</c>.
/// </summary>
internal static class RegionalSection
{
    /// <summary>Region names that are also everyday words in lower case ("tell us"): in a question only in capitals.</summary>
    private static readonly HashSet<string> Words = new(["us"], StringComparer.Ordinal);

    public static int Choose(Article article, int ranked, string region, string question, IReadOnlyList<CoverageRegion> regions)
    {
        if (regions.Count == 0 || ranked < 0 || ranked >= article.Sections.Count) return ranked;
        var named = Named(article.Sections[ranked], regions);

        // A country the question names wins over the asker's: "how do i report abuse in the uk" from Canada.
        var asked = regions.Where(r => r.Code != RegionCode.International && InQuestion(r, question) && FirstNaming(article, r) >= 0).ToList();
        if (asked.Count > 0) return named.Exists(asked.Contains) ? ranked : FirstNaming(article, asked[0]);

        if (region is RegionCode.International || named.Count == 0 || named.Exists(r => r.Code == region)) return ranked;
        var own = FirstNaming(article, regions.FirstOrDefault(r => r.Code == region));
        if (own >= 0) return own;
        var elsewhere = FirstNaming(article, regions.FirstOrDefault(r => r.Code == RegionCode.International));
        return elsewhere >= 0 ? elsewhere : ranked;
    }

    /// <summary>True when the question names the region; members type "uk" and "eu" in lower case, so capitals are not needed here (but "us" is a word).</summary>
    private static bool InQuestion(CoverageRegion region, string question)
    {
        if (CoverageMatrix.Names(region, question)) return true;
        foreach (var name in region.Names)
        {
            var lower = name.ToLowerInvariant();
            if (!Words.Contains(lower) && CoverageMatrix.Names(lower, question)) return true;
        }

        return false;
    }

    private static List<CoverageRegion> Named(ArticleSection section, IReadOnlyList<CoverageRegion> regions) =>
        [.. regions.Where(r => CoverageMatrix.Names(r, section.Heading))];

    private static int FirstNaming(Article article, CoverageRegion? region)
    {
        if (region is null) return -1;
        for (var s = 0; s < article.Sections.Count; s++)
        {
            if (CoverageMatrix.Names(region, article.Sections[s].Heading)) return s;
        }

        return -1;
    }
}
