using System.Globalization;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;
using YamlDotNet.RepresentationModel;

namespace BotHost.Knowledge.Safety;

/// <summary>Parses knowledge/urgent.yaml and knowledge/refusal.yaml with line-accurate problems, like articles.</summary>
internal static class SafetyRulesParser
{
    /// <summary>The urgent categories the bot knows how to handle (each maps to a reply and an alert category).</summary>
    public static readonly IReadOnlyList<string> CategoryIds =
    [
        "self-harm", "bullying-self-harm", "self-harm-images", "immediate-danger", "sextortion-threat", "trafficking", "meeting-adult",
        "abuse-disclosure", "sexual-assault", "violence-at-home", "stalking-doxxing", "someone-else-in-danger",
    ];

    private static readonly string[] ReviewFields = ["reviewed", "reviewed_by", "review_by"];
    private static readonly string[] LexiconFields = ["shorthand", "negators", "not_negating", "idioms", "jokes"];

    /// <param name="directory">The hotline directory, to check that every category has someone to talk to in every supported region.</param>
    public static UrgentRules? ParseUrgent(string file, string text, DateOnly today, Func<string, bool>? isKnownHotline, DiagnosticBag diagnostics,
        HotlineDirectory? directory = null)
    {
        var root = YamlDocumentLoader.LoadMapping(text, file, 0, diagnostics);
        if (root is null) return null;
        var fields = new YamlFieldReader(root, file, 0, diagnostics);
        fields.WarnUnknownKeys([.. ReviewFields, .. LexiconFields, "emergency_fallback", "example_threshold", "joking_threshold", "categories", "distress"]);
        var reviewed = ReadReview(fields, today);
        var fallback = fields.String("emergency_fallback", required: true);
        var exampleThreshold = Threshold(fields, "example_threshold") ?? SemanticSafety.DefaultThreshold;
        var jokingThreshold = Threshold(fields, "joking_threshold");
        var lexicon = ReadLexicon(fields, file, diagnostics);

        var categories = new List<UrgentCategoryRules>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in fields.MappingList("categories", required: true) ?? [])
        {
            category.WarnUnknownKeys(["id", "message", "steps", "hotlines", "threshold", "rules"]);
            var id = category.String("id", required: true);
            if (id is not null && !CategoryIds.Contains(id))
            {
                category.Error("id", $"unknown urgent category '{id}' (one of: {string.Join(", ", CategoryIds)})");
                id = null;
            }
            else if (id is not null && !seen.Add(id))
            {
                category.Error("id", $"urgent category '{id}' appears twice");
                id = null;
            }

            var message = category.String("message", required: true);
            var steps = category.StringList("steps", required: true);
            if (steps is not null && steps.Count != 3) category.Error("steps", $"an urgent reply has exactly 3 steps, not {steps.Count}");
            var hotlines = ReadHotlines(category, isKnownHotline, diagnostics, file, id, directory);
            var threshold = Threshold(category, "threshold");
            var rules = ReadRules(category, file, lexicon.Shorthand, diagnostics);
            if (id is null || message is null || steps is null || hotlines is null) continue;
            categories.Add(new UrgentCategoryRules(id, message, steps, hotlines, rules) { ExampleThreshold = threshold ?? exampleThreshold });
        }

        var distress = fields.Mapping("distress", required: false) is { } section ? ReadDistress(section, isKnownHotline, diagnostics, file, directory) : null;
        if (reviewed is null || fallback is null) return null;
        var urgent = new UrgentRules(lexicon, categories, fallback, reviewed.Value) { Distress = distress };
        return jokingThreshold is { } joking ? urgent with { JokingThreshold = joking } : urgent;
    }

    /// <summary>The distress safety net's section: its message, its lines to talk to (checked for every supported region like a category's) and threshold.</summary>
    private static DistressRules? ReadDistress(YamlFieldReader section, Func<string, bool>? isKnownHotline, DiagnosticBag diagnostics, string file, HotlineDirectory? directory)
    {
        section.WarnUnknownKeys(["message", "hotlines", "threshold"]);
        var message = section.String("message", required: true);
        var hotlines = ReadHotlines(section, isKnownHotline, diagnostics, file, SafetyExamples.InDistress, directory);
        var threshold = Threshold(section, "threshold");
        if (message is null || hotlines is null) return null;
        return new DistressRules(message, hotlines) { Threshold = threshold ?? SemanticSafety.DefaultThreshold };
    }

    public static RefusalRules? ParseRefusal(string file, string text, DateOnly today, DiagnosticBag diagnostics, out int articleLine)
    {
        articleLine = 1;
        var root = YamlDocumentLoader.LoadMapping(text, file, 0, diagnostics);
        if (root is null) return null;
        var fields = new YamlFieldReader(root, file, 0, diagnostics);
        fields.WarnUnknownKeys([.. ReviewFields, .. LexiconFields, "message", "article", "example_threshold", "uncued_threshold", "stance_threshold", "stance_from", "joint_threshold", "rules"]);
        var reviewed = ReadReview(fields, today);
        var message = fields.String("message", required: true);
        var article = fields.String("article", required: true);
        articleLine = fields.LineOf("article");
        var lexicon = ReadLexicon(fields, file, diagnostics);
        var rules = ReadRules(fields, file, lexicon.Shorthand, diagnostics);
        var threshold = Threshold(fields, "example_threshold") ?? SemanticSafety.DefaultThreshold;
        var uncued = Threshold(fields, "uncued_threshold");
        if (uncued > threshold) fields.Error("uncued_threshold", $"field '{fields.FieldName("uncued_threshold")}' must not be above example_threshold ({threshold.ToString(CultureInfo.InvariantCulture)}): it is the lower threshold of messages with no protective cue");
        var joint = Threshold(fields, "joint_threshold");
        var stance = Threshold(fields, "stance_threshold");
        var stanceFrom = Threshold(fields, "stance_from");
        if ((stance is null) != (stanceFrom is null) && fields.String(stance is null ? "stance_threshold" : "stance_from", required: false) is null)
        {
            var missing = stance is null ? "stance_threshold" : "stance_from";
            fields.Error(stance is null ? "stance_from" : "stance_threshold", $"field '{missing}' is needed too: a message is refused by its stance when its example score reaches stance_from and its stance reaches stance_threshold");
        }

        if (stanceFrom > threshold) fields.Error("stance_from", $"field '{fields.FieldName("stance_from")}' must not be above example_threshold ({threshold.ToString(CultureInfo.InvariantCulture)}): from it, the stance decides below example_threshold");
        if (reviewed is null || message is null || article is null) return null;
        return new RefusalRules(lexicon, rules, message, article, reviewed.Value)
        {
            ExampleThreshold = threshold,
            UncuedThreshold = uncued,
            StanceThreshold = stance is null || stanceFrom is null ? null : stance,
            StanceFrom = stance is null || stanceFrom is null ? null : stanceFrom,
            JointThreshold = joint,
        };
    }

    /// <summary>A score threshold of the example detector: a number from 0 to 1 (exclusive), as <c>kb eval --calibrate</c> prints them.</summary>
    private static double? Threshold(YamlFieldReader fields, string key)
    {
        var text = fields.String(key, required: false);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 1) return value;
        fields.Error(key, $"field '{fields.FieldName(key)}' must be a number between 0 and 1, such as 0.5 (kb eval --urgent --calibrate suggests one): '{text}'");
        return null;
    }

    private static DateOnly? ReadReview(YamlFieldReader fields, DateOnly today)
    {
        var reviewed = fields.Date("reviewed", required: true);
        fields.String("reviewed_by", required: true);
        var due = fields.Date("review_by", required: true);
        if (due is { } d)
        {
            if (d < today)
            {
                fields.Error("review_by", $"review was due on {d:yyyy-MM-dd}: review the wording and rules, then set reviewed and a new review_by");
            }
            else if (d.DayNumber - today.DayNumber <= ArticleParser.ReviewWarningWindow.Days)
            {
                fields.Warning("review_by", string.Create(CultureInfo.InvariantCulture, $"review due in {d.DayNumber - today.DayNumber} days ({d:yyyy-MM-dd})"));
            }
        }

        return reviewed;
    }

    private static IReadOnlyList<string>? ReadHotlines(YamlFieldReader category, Func<string, bool>? isKnownHotline, DiagnosticBag diagnostics, string file,
        string? id, HotlineDirectory? directory)
    {
        var items = category.StringItems("hotlines", required: true);
        if (items is null) return null;
        foreach (var item in items.Where(i => isKnownHotline is not null && !isKnownHotline(i.Value)))
        {
            diagnostics.Error(file, item.Line, $"unknown hotline id '{item.Value}' (not in hotlines.yaml)");
        }

        if (id is not null && directory is not null && items.Count > 0) CheckTalkTo(id, items, directory, diagnostics, file);
        return [.. items.Select(i => i.Value)];
    }

    /// <summary>The regions in which every urgent category must offer someone to talk to (issue #13).</summary>
    public static IReadOnlyList<string> SupportedRegions { get; } = ["US", "GB", "CA", "AU", "IE", "NZ", "IN", RegionCode.EuropeanUnion, RegionCode.International];

    /// <summary>
    /// The topic of Child Helpline International in hotlines.yaml: not a helpline itself but the directory of every
    /// country's child helpline, the fallback where the directory has no service of a region.
    /// </summary>
    public const string HelplineDirectoryTopic = "child-helplines-directory";

    /// <summary>A service a member can talk to: a phone or text line that is not the emergency number.</summary>
    public static bool IsTalkTo(Hotline hotline)
    {
        ArgumentNullException.ThrowIfNull(hotline);
        return !hotline.Emergency && (hotline.Phone is not null || hotline.Sms is not null);
    }

    /// <summary>
    /// Every supported region needs a service of its own to talk to among the category's hotlines; only where
    /// hotlines.yaml has none of that region may an international one (Child Helpline International) stand in, and
    /// kb check says so.
    /// </summary>
    private static void CheckTalkTo(string id, IReadOnlyList<YamlItem> items, HotlineDirectory directory, DiagnosticBag diagnostics, string file)
    {
        var line = items[0].Line;
        var services = items.Select(i => directory.TryGet(i.Value, out var h) ? h : null).OfType<Hotline>().ToList();
        var listed = services.Where(IsTalkTo).ToList();
        var international = listed.Find(h => h.Region == RegionCode.International)
            ?? services.Find(h => h.Region == RegionCode.International && h.Topics.Contains(HelplineDirectoryTopic, StringComparer.Ordinal));
        var missing = new List<string>();
        var fallback = new List<string>();
        var uncovered = new List<string>();
        foreach (var region in SupportedRegions)
        {
            // INTL has no country of its own: the international services (the helplines' directory) are its own.
            if (listed.Exists(h => h.Region == region) || (region == RegionCode.International && international is not null)) continue;
            var own = directory.All.Where(h => IsTalkTo(h) && h.Region == region).Select(h => h.Id).ToList();
            if (own.Count > 0) missing.Add($"{region} (hotlines.yaml has: {string.Join(", ", own)})");
            else if (international is not null) fallback.Add(region);
            else uncovered.Add(region);
        }

        if (missing.Count > 0)
        {
            diagnostics.Error(file, line, $"urgent category '{id}' has no service to talk to (a phone or text line of the region) in {string.Join("; ", missing)}");
        }

        if (uncovered.Count > 0)
        {
            diagnostics.Error(file, line,
                $"urgent category '{id}' has no service to talk to in {string.Join(", ", uncovered)}, and hotlines.yaml has none of its own there: list an international one (intl-child-helpline-international)");
        }

        if (fallback.Count > 0)
        {
            diagnostics.Warning(file, line,
                $"urgent category '{id}': in {string.Join(", ", fallback)} the reply falls back to {international!.Name} ({international.Id}): hotlines.yaml has no service of its own there to talk to");
        }
    }

    private static SafetyLexicon ReadLexicon(YamlFieldReader fields, string file, DiagnosticBag diagnostics)
    {
        var shorthand = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (fields.Raw("shorthand") is { } node)
        {
            if (node is YamlMappingNode mapping)
            {
                foreach (var (keyNode, value) in mapping.Children)
                {
                    var line = (int)keyNode.Start.Line;
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } word } || value is not YamlScalarNode { Value: { Length: > 0 } meaning })
                    {
                        diagnostics.Error(file, line, "each shorthand entry is 'word: what it means', such as 'kms: kill myself'");
                        continue;
                    }

                    var words = SafetyText.Read(meaning).Words;
                    var key = word.Trim().ToLowerInvariant();
                    if (key.Length == 0 || !key.All(char.IsLetterOrDigit) || words.Count == 0)
                    {
                        diagnostics.Error(file, line, $"shorthand '{word}' must be one word (letters and digits) standing for at least one word");
                        continue;
                    }

                    shorthand[SafetyText.Shorten(key)] = words;
                }
            }
            else
            {
                fields.Error("shorthand", "field 'shorthand' must be a mapping such as 'kms: kill myself'");
            }
        }

        return new SafetyLexicon(
            shorthand,
            Patterns(fields, "negators", file, shorthand, diagnostics),
            Patterns(fields, "not_negating", file, shorthand, diagnostics),
            Patterns(fields, "idioms", file, shorthand, diagnostics),
            Patterns(fields, "jokes", file, shorthand, diagnostics));
    }

    private static List<SafetyPattern> Patterns(YamlFieldReader fields, string key, string file,
        IReadOnlyDictionary<string, IReadOnlyList<string>> shorthand, DiagnosticBag diagnostics)
    {
        var patterns = new List<SafetyPattern>();
        foreach (var item in fields.StringItems(key, required: false) ?? [])
        {
            if (Pattern(item.Value, item.Line, file, shorthand, diagnostics) is { } pattern) patterns.Add(pattern);
        }

        return patterns;
    }

    private static SafetyPattern? Pattern(string phrase, int line, string file, IReadOnlyDictionary<string, IReadOnlyList<string>> shorthand,
        DiagnosticBag diagnostics)
    {
        var pattern = SafetyPattern.Parse(phrase, shorthand, out var problem);
        if (pattern is null) diagnostics.Error(file, line, $"phrase '{phrase}' cannot be used: {problem}");
        return pattern;
    }

    private static List<SafetyRule> ReadRules(YamlFieldReader fields, string file, IReadOnlyDictionary<string, IReadOnlyList<string>> shorthand,
        DiagnosticBag diagnostics)
    {
        var rules = new List<SafetyRule>();
        foreach (var rule in fields.MappingList("rules", required: true) ?? [])
        {
            rule.WarnUnknownKeys(["any", "all", "none", "soft"]);
            var groups = new List<IReadOnlyList<SafetyPattern>>();
            if (rule.Has("any")) groups.Add(Patterns(rule, "any", file, shorthand, diagnostics));
            if (rule.Raw("all") is { } all)
            {
                if (all is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlSequenceNode))
                {
                    foreach (var group in sequence.Children.Cast<YamlSequenceNode>())
                    {
                        var patterns = new List<SafetyPattern>();
                        foreach (var item in group.Children)
                        {
                            var line = (int)item.Start.Line;
                            if (item is YamlScalarNode { Value: { Length: > 0 } phrase })
                            {
                                if (Pattern(phrase, line, file, shorthand, diagnostics) is { } p) patterns.Add(p);
                            }
                            else
                            {
                                diagnostics.Error(file, line, "each phrase in 'all' must be text");
                            }
                        }

                        if (patterns.Count > 0) groups.Add(patterns);
                    }
                }
                else
                {
                    rule.Error("all", "field 'all' must be a list of lists of phrases, such as '[[meet, meeting], [<adult>, older]]'");
                }
            }

            if (groups.Count == 0 || groups.Any(g => g.Count == 0))
            {
                diagnostics.Error(file, rule.Line, "a rule needs 'any: [phrases]' or 'all: [[phrases], [phrases]]' with at least one phrase in each list");
                continue;
            }

            var none = Patterns(rule, "none", file, shorthand, diagnostics);
            rules.Add(new SafetyRule(groups, none, rule.Bool("soft", required: false) ?? false, rule.Line));
        }

        return rules;
    }
}
