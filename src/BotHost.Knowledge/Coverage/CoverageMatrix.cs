using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Coverage;

/// <summary>
/// Topics x regions: for each cell, the lines to talk to, routes to report to and region sections that the topic's
/// articles and urgent categories can show a member there, and the holes coverage.yaml's rules find. A country's cell
/// counts the country's own services (and international ones only where the topic says they work everywhere); the
/// EU and INTL columns count international services, which is all a community there is shown besides the EU's own.
/// </summary>
public sealed class CoverageMatrix
{
    private CoverageMatrix(CoverageRules rules, IReadOnlyList<CoverageCell> cells, IReadOnlyList<CoverageHole> regionHoles)
    {
        Rules = rules;
        Cells = cells;
        Holes = [.. regionHoles, .. cells.SelectMany(c => c.Holes)];
    }

    public CoverageRules Rules { get; }

    /// <summary>Topic by topic, each in the regions' order.</summary>
    public IReadOnlyList<CoverageCell> Cells { get; }

    /// <summary>Every hole that is checked: region-wide ones first, then by topic and region.</summary>
    public IReadOnlyList<CoverageHole> Holes { get; }

    public int Errors => Holes.Count(h => h.Severity == HoleSeverity.Error);

    public int Warnings => Holes.Count(h => h.Severity == HoleSeverity.Warning);

    public CoverageCell Cell(string topic, string region) => Cells.First(c => c.Topic.Id == topic && c.Region == region);

    /// <summary>The holes as <c>kb check</c> problems, at their line in coverage.yaml.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics() => [.. Holes.Select(h => h.ToDiagnostic(Rules.File))];

    public static CoverageMatrix Build(KnowledgeSnapshot snapshot, CoverageRules rules)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rules);
        var regionHoles = new List<CoverageHole>();
        foreach (var region in rules.Regions.Where(r => IsCountry(r.Code)))
        {
            if (rules.EmergencyHole == HoleSeverity.Off || snapshot.Hotlines.Emergency(region.Code).Count > 0) continue;
            regionHoles.Add(new CoverageHole(null, region.Code, CoverageNeed.Emergency, rules.EmergencyHole,
                $"coverage [{region.Code}]: no emergency number in hotlines.yaml{(rules.EmergencyHole == HoleSeverity.Warning ? Because(rules.EmergencyReason) : string.Empty)}",
                region.Line));
        }

        var cells = new List<CoverageCell>();
        foreach (var topic in rules.Topics)
        {
            var articles = topic.Articles.Select(id => snapshot.Articles.First(a => a.Id == id)).ToList();
            var shown = ShownHotlines(snapshot, topic, articles);
            var named = articles.SelectMany(a => a.Sections.Select(s => new CoverageSection(a, s))).ToList();
            var regionSections = named.Where(s => rules.Regions.Any(r => Names(r, s.Section.Heading))).ToList();
            foreach (var region in rules.Regions)
            {
                var talk = shown.Where(h => Counts(topic, CoverageNeed.Talk, h, region.Code) && IsTalkLine(topic, h)).ToList();
                var report = shown.Where(h => Counts(topic, CoverageNeed.Report, h, region.Code) && Matches(h, topic.Report)).ToList();
                var sections = regionSections.Where(s => Names(region, s.Section.Heading)).ToList();
                var holes = FindHoles(snapshot, topic, region, talk, report, sections, regionSections.Count > 0);
                cells.Add(new CoverageCell(topic, region.Code, talk, report, sections, holes));
            }
        }

        return new CoverageMatrix(rules, cells, regionHoles);
    }

    private static List<CoverageHole> FindHoles(KnowledgeSnapshot snapshot, CoverageTopic topic, CoverageRegion region,
        List<Hotline> talk, List<Hotline> report, List<CoverageSection> sections, bool topicHasRegionSections)
    {
        var holes = new List<CoverageHole>();
        var prefix = $"coverage {topic.Id} [{region.Code}]";
        if (topic.HoleIn(CoverageNeed.Talk, region.Code) is (not HoleSeverity.Off, var talkWhy) talkRule && talk.Count == 0)
        {
            var unused = snapshot.Hotlines.All.Where(h => Counts(topic, CoverageNeed.Talk, h, region.Code) && IsTalkLine(topic, h)).Select(h => h.Id).ToList();
            holes.Add(new CoverageHole(topic, region.Code, CoverageNeed.Talk, talkRule.Severity,
                $"{prefix}: no line to talk to ({string.Join(", ", topic.Talk)}){Unused(unused)}{Because(talkWhy)}", topic.Line));
        }

        if (topic.HoleIn(CoverageNeed.Report, region.Code) is (not HoleSeverity.Off, var reportWhy) reportRule && report.Count == 0)
        {
            var unused = snapshot.Hotlines.All.Where(h => Counts(topic, CoverageNeed.Report, h, region.Code) && Matches(h, topic.Report)).Select(h => h.Id).ToList();
            holes.Add(new CoverageHole(topic, region.Code, CoverageNeed.Report, reportRule.Severity,
                $"{prefix}: no route to report to ({string.Join(", ", topic.Report)}){Unused(unused)}{Because(reportWhy)}", topic.Line));
        }

        if (topic.HoleIn(CoverageNeed.Section, region.Code) is (not HoleSeverity.Off, var sectionWhy) sectionRule && topicHasRegionSections && sections.Count == 0)
        {
            holes.Add(new CoverageHole(topic, region.Code, CoverageNeed.Section, sectionRule.Severity,
                $"{prefix}: other regions have a section of their own, {region.Code} has none (its members are quoted a general one){Because(sectionWhy)}", topic.Line));
        }

        return holes;
    }

    /// <summary>Every hotline the topic's answers can show, in order: the articles' lists, then the urgent categories'.</summary>
    private static List<Hotline> ShownHotlines(KnowledgeSnapshot snapshot, CoverageTopic topic, List<Article> articles)
    {
        var urgent = topic.Urgent.SelectMany(id => snapshot.Safety.Urgent?.Category(id)?.Hotlines ?? []);
        var ids = articles.SelectMany(a => a.HotlineIds).Concat(urgent).Distinct(StringComparer.Ordinal);
        return [.. ids.Select(id => snapshot.Hotlines.TryGet(id, out var hotline) ? hotline : null).OfType<Hotline>()];
    }

    private static bool Counts(CoverageTopic topic, CoverageNeed need, Hotline hotline, string region)
    {
        if (hotline.Emergency) return false;
        if (hotline.Region == region) return true;
        return hotline.Region == RegionCode.International && (topic.InternationalCounts.Contains(need) || !IsCountry(region));
    }

    /// <summary>A service one can call or text; an international directory of local lines counts as the way to one.</summary>
    private static bool IsTalkLine(CoverageTopic topic, Hotline hotline) =>
        Matches(hotline, topic.Talk) && (hotline.Phone is not null || hotline.Sms is not null || hotline.Region == RegionCode.International);

    private static bool Matches(Hotline hotline, IReadOnlyList<string> topics) => hotline.Topics.Any(topics.Contains);

    private static bool IsCountry(string region) => region is not (RegionCode.International or RegionCode.EuropeanUnion);

    /// <summary>
    /// True when the heading holds one of the region's names as whole words: a name in capitals ("US", "UK") with its
    /// case, so "tell us" is not the US; other names ("Ireland", "everywhere else") in any case.
    /// </summary>
    internal static bool Names(CoverageRegion region, string heading)
    {
        foreach (var name in region.Names)
        {
            if (Names(name, heading)) return true;
        }

        return false;
    }

    /// <summary>True when the text holds the name as whole words (in any case when the name has a lower-case letter).</summary>
    internal static bool Names(string name, string text) => NamePattern(name).IsMatch(text);

    /// <summary>
    /// Region names' patterns, built once per name: answers test every region's names against the question and the
    /// quoted article's headings, and more patterns than the static <see cref="Regex"/> cache holds (15) made each call
    /// parse its pattern again. Names come from coverage.yaml, so there are few; the cache is emptied if a run of reloads
    /// ever brings more than <see cref="MaxNamePatterns"/>.
    /// </summary>
    private static Regex NamePattern(string name)
    {
        if (NamePatterns.TryGetValue(name, out var pattern)) return pattern;
        if (NamePatterns.Count >= MaxNamePatterns) NamePatterns.Clear();
        pattern = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])",
            (name.Any(char.IsAsciiLetterLower) ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return NamePatterns.GetOrAdd(name, pattern);
    }

    private const int MaxNamePatterns = 1_024;

    private static readonly ConcurrentDictionary<string, Regex> NamePatterns = new(StringComparer.Ordinal);

    private static string Unused(List<string> ids) =>
        ids.Count == 0 ? "; hotlines.yaml has none for it" : $"; hotlines.yaml has {string.Join(", ", ids)}, which no article or urgent category of the topic lists";

    private static string Because(string? reason) => reason is null ? string.Empty : $" (a warning: {reason})";
}
