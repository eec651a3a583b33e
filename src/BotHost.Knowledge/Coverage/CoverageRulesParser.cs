using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Coverage;

/// <summary>
/// Parses knowledge/coverage.yaml against a loaded snapshot: every article, urgent category and hotline topic it
/// names must exist, so a renamed article cannot silently empty a row. Problems are <c>file:line</c> diagnostics.
/// </summary>
public static class CoverageRulesParser
{
    private static readonly string[] TopLevelKeys = ["regions", "topics", "emergency", "emergency_reason"];
    private static readonly string[] RegionKeys = ["code", "names"];
    private static readonly string[] TopicKeys = ["id", "title", "articles", "urgent", "talk", "report", "international_counts", "holes", "reason", "exempt"];
    private static readonly string[] HoleKeys = ["talk", "report", "section"];

    public static CoverageRules? Parse(string file, string text, KnowledgeSnapshot snapshot, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = YamlDocumentLoader.LoadMapping(text, file, lineOffset: 0, diagnostics);
        if (root is null) return null;
        var document = new YamlFieldReader(root, file, 0, diagnostics);
        document.WarnUnknownKeys(TopLevelKeys);
        var regions = ParseRegions(document);
        var topics = ParseTopics(document, snapshot);
        var emergency = Severity(document, "emergency") ?? HoleSeverity.Warning;
        var emergencyReason = document.String("emergency_reason", required: emergency == HoleSeverity.Warning);
        if (regions.Count == 0 || topics.Count == 0) return null;
        return new CoverageRules(file, regions, topics, emergency, emergencyReason);
    }

    /// <summary>
    /// Only the <c>regions:</c> list (code and names), which answers use to quote the section for the asker's region;
    /// empty when the file is unreadable (<c>kb check</c> reports its problems).
    /// </summary>
    internal static IReadOnlyList<CoverageRegion> ReadRegions(string file, string text)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadMapping(text, file, lineOffset: 0, diagnostics);
        return root is null ? [] : ParseRegions(new YamlFieldReader(root, file, 0, diagnostics));
    }

    private static List<CoverageRegion> ParseRegions(YamlFieldReader document)
    {
        var regions = new List<CoverageRegion>();
        foreach (var item in document.MappingList("regions", required: true) ?? [])
        {
            item.WarnUnknownKeys(RegionKeys);
            var code = item.String("code", required: true);
            if (code is null) continue;
            if (!RegionCode.IsValid(code))
            {
                item.Error("code", $"'{code}' is not a region code (ISO country code in capitals, EU or INTL)");
                continue;
            }

            if (regions.Exists(r => r.Code == code))
            {
                item.Error("code", $"region '{code}' is listed twice");
                continue;
            }

            regions.Add(new CoverageRegion(code, item.StringList("names", required: true) ?? [], item.Line));
        }

        return regions;
    }

    private static List<CoverageTopic> ParseTopics(YamlFieldReader document, KnowledgeSnapshot snapshot)
    {
        var articleIds = snapshot.Articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var urgentIds = snapshot.Safety.Urgent?.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var hotlineTopics = snapshot.Hotlines.All.SelectMany(h => h.Topics).ToHashSet(StringComparer.Ordinal);
        var topics = new List<CoverageTopic>();
        foreach (var item in document.MappingList("topics", required: true) ?? [])
        {
            item.WarnUnknownKeys(TopicKeys);
            var id = item.String("id", required: true);
            var title = item.String("title", required: true);
            if (id is null || title is null) continue;
            if (topics.Exists(t => t.Id == id))
            {
                item.Error("id", $"topic '{id}' is listed twice");
                continue;
            }

            var articles = Known(item, "articles", required: true, articleIds, "article");
            var urgent = Known(item, "urgent", required: false, urgentIds, "urgent.yaml category");
            var talk = Known(item, "talk", required: false, hotlineTopics, "hotline topic");
            var report = Known(item, "report", required: false, hotlineTopics, "hotline topic");
            var holes = item.Mapping("holes", required: true);
            holes?.WarnUnknownKeys(HoleKeys);
            var topic = new CoverageTopic
            {
                Id = id,
                Title = title,
                Line = item.Line,
                Articles = articles,
                Urgent = urgent,
                Talk = talk,
                Report = report,
                InternationalCounts = Needs(item, "international_counts"),
                Exempt = Exemptions(item),
                TalkHole = holes is null ? HoleSeverity.Off : Severity(holes, "talk") ?? HoleSeverity.Off,
                ReportHole = holes is null ? HoleSeverity.Off : Severity(holes, "report") ?? HoleSeverity.Off,
                SectionHole = holes is null ? HoleSeverity.Off : Severity(holes, "section") ?? HoleSeverity.Off,
                Reason = item.String("reason", required: false),
            };
            CheckConsistent(item, topic);
            topics.Add(topic);
        }

        // An urgent category no topic names would have its lines checked nowhere: the replies that matter most.
        var named = topics.SelectMany(t => t.Urgent).ToHashSet(StringComparer.Ordinal);
        foreach (var category in snapshot.Safety.Urgent?.Categories ?? [])
        {
            if (!named.Contains(category.Id)) document.Warning("topics", $"urgent.yaml category '{category.Id}' is in no topic's 'urgent:' list, so the lines its replies show are not checked");
        }

        return topics;
    }

    private static void CheckConsistent(YamlFieldReader item, CoverageTopic topic)
    {
        if (topic.TalkHole != HoleSeverity.Off && topic.Talk.Count == 0) item.Error("holes", "holes.talk is checked but 'talk:' lists no hotline topic");
        if (topic.ReportHole != HoleSeverity.Off && topic.Report.Count == 0) item.Error("holes", "holes.report is checked but 'report:' lists no hotline topic");
        var warns = topic.TalkHole == HoleSeverity.Warning || topic.ReportHole == HoleSeverity.Warning || topic.SectionHole == HoleSeverity.Warning;
        if (warns && topic.Reason is null) item.Error("holes", "a hole rule is a warning: say why in 'reason:' (it is printed with the hole)");
    }

    private static List<CoverageNeed> Needs(YamlFieldReader item, string key)
    {
        var needs = new List<CoverageNeed>();
        foreach (var value in item.StringItems(key, required: false) ?? [])
        {
            switch (value.Value)
            {
                case "talk": needs.Add(CoverageNeed.Talk); break;
                case "report": needs.Add(CoverageNeed.Report); break;
                default: item.Error(value.Line, $"{item.FieldName(key)}: '{value.Value}' is not talk or report"); break;
            }
        }

        return needs;
    }

    /// <summary><c>exempt: {IE: "reason"}</c>: regions where the topic's holes are warnings, each with why.</summary>
    private static Dictionary<string, string> Exemptions(YamlFieldReader item)
    {
        var exempt = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.Raw("exempt") is not YamlMappingNode mapping)
        {
            if (item.Has("exempt")) item.Error("exempt", "field 'exempt' must be a mapping of region: reason");
            return exempt;
        }

        var reader = item.Mapping("exempt", required: false);
        foreach (var key in mapping.Children.Keys.OfType<YamlScalarNode>())
        {
            var region = key.Value ?? string.Empty;
            if (!RegionCode.IsValid(region)) item.Error((int)key.Start.Line, $"exempt: '{region}' is not a region code");
            else if (reader?.String(region, required: true) is { } reason) exempt[region] = reason;
        }

        return exempt;
    }

    private static List<string> Known(YamlFieldReader item, string key, bool required, HashSet<string> known, string what)
    {
        var values = new List<string>();
        foreach (var value in item.StringItems(key, required) ?? [])
        {
            if (known.Contains(value.Value)) values.Add(value.Value);
            else item.Error(value.Line, $"{item.FieldName(key)}: unknown {what} '{value.Value}'");
        }

        return values;
    }

    private static HoleSeverity? Severity(YamlFieldReader reader, string key)
    {
        var text = reader.String(key, required: false);
        switch (text)
        {
            case null: return null;
            case "error": return HoleSeverity.Error;
            case "warning": return HoleSeverity.Warning;
            case "off": return HoleSeverity.Off;
            default:
                reader.Error(key, $"field '{reader.FieldName(key)}' must be error, warning or off: '{text}'");
                return null;
        }
    }
}
