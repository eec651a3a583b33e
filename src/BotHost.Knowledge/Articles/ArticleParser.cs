using System.Globalization;
using System.Text.RegularExpressions;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;

namespace BotHost.Knowledge.Articles;

/// <summary>
/// Parses one article file (YAML front matter + Markdown) and checks everything that can be checked from the file
/// alone. Problems go to the <see cref="DiagnosticBag"/> with the field's line; cross-file checks are in
/// <see cref="KnowledgeLoader"/>.
/// </summary>
internal static partial class ArticleParser
{
    public const int MinQuestions = 3;
    public const int MaxSectionLength = 1200;

    /// <summary>More sources than a member would open; an article past it should keep the ones that back its sections.</summary>
    public const int MaxSources = 6;
    public static readonly TimeSpan ReviewWarningWindow = TimeSpan.FromDays(30);

    private static readonly string[] KnownFields =
    [
        "id", "title", "summary", "questions", "tags", "audience", "regions", "hotlines", "sensitive",
        "sources", "reviewed", "reviewed_by", "review_by",
    ];

    private static readonly string[] KnownSourceFields = ["id", "title", "publisher", "url", "document", "copy", "regions", "date"];

    /// <param name="file">Path shown in diagnostics.</param>
    /// <param name="relativePath">Path relative to the knowledge folder ("articles/x.md").</param>
    /// <param name="today">The date review dates are checked against.</param>
    /// <param name="isKnownHotline">Checks hotline ids against the directory; null when the directory could not be read.</param>
    /// <param name="files">Reads the files a source names (a <c>document:</c>, a <c>copy:</c>); null skips those checks.</param>
    /// <returns>The article, or null when the file has errors.</returns>
    public static Article? Parse(string file, string relativePath, string text, DateOnly today, Func<string, bool>? isKnownHotline, DiagnosticBag diagnostics,
        SourceFiles? files = null)
    {
        var errorsBefore = diagnostics.Items.Count(d => d.IsError);
        var lines = text.ReplaceLineEndings("\n").TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            diagnostics.Error(file, 1, "missing front matter: the file must start with a '---' line, then the fields, then '---'");
            return null;
        }

        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0)
        {
            diagnostics.Error(file, 1, "front matter is not closed: add a '---' line after the last field");
            return null;
        }

        var yaml = string.Join('\n', lines[1..close]);
        var root = YamlDocumentLoader.LoadMapping(yaml, file, lineOffset: 1, diagnostics);
        if (root is null) return null;

        var fields = new YamlFieldReader(root, file, lineOffset: 1, diagnostics);
        fields.WarnUnknownKeys(KnownFields);
        var fileId = Path.GetFileNameWithoutExtension(file);

        var id = fields.String("id", required: true);
        if (id is not null && id != fileId)
        {
            fields.Error("id", $"id '{id}' does not match the file name '{fileId}.md'");
        }
        else if (id is not null && !IdPattern().IsMatch(id))
        {
            fields.Error("id", $"id '{id}' must be lower-case letters, digits and hyphens");
        }

        var title = fields.String("title", required: true);
        var summary = fields.String("summary", required: true);
        var questions = ReadQuestions(fields);
        var tags = fields.StringList("tags", required: true);
        var audiences = ReadAudiences(fields);
        var regions = ReadRegions(fields);
        var hotlines = ReadHotlines(fields, file, isKnownHotline, diagnostics);
        var sensitive = fields.Bool("sensitive", required: true);
        var sourceIds = new HashSet<string>(StringComparer.Ordinal);
        var sources = ReadSources(fields, sourceIds, files);
        var reviewed = fields.Date("reviewed", required: true);
        var reviewedBy = fields.String("reviewed_by", required: true);
        var reviewBy = fields.Date("review_by", required: true);
        CheckReviewDates(fields, reviewed, reviewBy, today);

        var sections = ReadSections(file, string.Join('\n', lines[(close + 1)..]), close + 2, sources ?? [], sourceIds, diagnostics);

        if (diagnostics.Items.Count(d => d.IsError) > errorsBefore) return null;
        return new Article
        {
            Id = id!,
            Title = title!,
            Summary = summary!,
            Questions = questions!,
            Tags = tags!,
            Audiences = audiences!,
            Regions = regions!,
            HotlineIds = hotlines,
            Sensitive = sensitive!.Value,
            Sources = sources!,
            Reviewed = reviewed!.Value,
            ReviewedBy = reviewedBy!,
            ReviewBy = reviewBy!.Value,
            Sections = sections,
            Path = relativePath,
        };
    }

    private static IReadOnlyList<string>? ReadQuestions(YamlFieldReader fields)
    {
        var questions = fields.StringList("questions", required: true);
        if (questions is { Count: > 0 and < MinQuestions })
        {
            fields.Warning("questions", string.Create(CultureInfo.InvariantCulture,
                $"only {questions.Count} question(s); add at least {MinQuestions} phrasings members really type"));
        }

        return questions;
    }

    private static List<string> ReadHotlines(YamlFieldReader fields, string file, Func<string, bool>? isKnownHotline, DiagnosticBag diagnostics)
    {
        var items = fields.StringItems("hotlines", required: false) ?? [];
        if (isKnownHotline is not null)
        {
            foreach (var item in items.Where(i => !isKnownHotline(i.Value)))
            {
                diagnostics.Error(file, item.Line, $"unknown hotline id '{item.Value}': it is not in hotlines.yaml");
            }
        }

        return [.. items.Select(i => i.Value)];
    }

    private static List<Audience>? ReadAudiences(YamlFieldReader fields)
    {
        var items = fields.StringItems("audience", required: true);
        if (items is null) return null;
        var audiences = new List<Audience>();
        foreach (var item in items)
        {
            if (AudienceNames.Parse(item.Value) is { } audience)
            {
                audiences.Add(audience);
            }
            else
            {
                fields.Error("audience", $"unknown audience '{item.Value}' (expected {AudienceNames.Expected})");
            }
        }

        // The answer step keeps these articles from members who read as victims (AudienceGuard); 'all' would say otherwise.
        if (audiences.Contains(Audience.OwnThoughts) && audiences.Contains(Audience.All))
        {
            fields.Error("audience", $"audience '{AudienceNames.Name(Audience.OwnThoughts)}' is not for everyone: drop 'all' (name who else it serves, e.g. adults)");
        }

        return audiences;
    }

    private static IReadOnlyList<string>? ReadRegions(YamlFieldReader fields)
    {
        var items = fields.StringItems("regions", required: true);
        if (items is null) return null;
        foreach (var item in items.Where(i => !RegionCode.IsValid(i.Value)))
        {
            fields.Error("regions", $"unknown region '{item.Value}' (expected an ISO country code such as US or GB, EU, or INTL)");
        }

        return [.. items.Select(i => i.Value)];
    }

    /// <param name="ids">Receives every source id declared, so a section citing a source that is itself invalid is not reported twice.</param>
    private static List<ArticleSource>? ReadSources(YamlFieldReader fields, HashSet<string> ids, SourceFiles? files)
    {
        var readers = fields.MappingList("sources", required: true);
        if (readers is null) return null;

        var sources = new List<ArticleSource>();
        foreach (var source in readers)
        {
            source.WarnUnknownKeys(KnownSourceFields);
            var id = source.String("id", required: false);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                source.Error("id", $"source id '{id}' must be lower-case letters, digits and hyphens");
            }
            else if (id is not null && !ids.Add(id))
            {
                source.Error("id", $"source id '{id}' is used twice in this article");
            }

            var title = source.String("title", required: true);
            var publisher = source.String("publisher", required: true);
            var (url, document, valid) = ReadSourceLocation(source, title, files);
            var date = source.String("date", required: false);
            if (date is not null && !IsSourceDate(date))
            {
                source.Error("date", $"source date '{date}' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or null)");
            }

            var regions = source.StringList("regions", required: false) ?? [];
            foreach (var region in regions.Where(r => !RegionCode.IsValid(r)))
            {
                source.Error("regions", $"unknown region '{region}' (expected an ISO country code such as US or GB, or EU)");
            }

            if (title is not null && publisher is not null && valid)
            {
                sources.Add(new ArticleSource(title, publisher, url, date) { Id = id, Document = document, Regions = regions });
            }
        }

        WarnPastMaxSources(fields, sources, readers.Count);
        return sources;
    }

    /// <summary>
    /// A member is shown at most <see cref="MaxSources"/> of an article's sources: those for every region plus those
    /// for their own (a source's <c>regions:</c>), so the cap holds per region.
    /// </summary>
    private static void WarnPastMaxSources(YamlFieldReader fields, List<ArticleSource> sources, int declared)
    {
        var general = declared - sources.Count(s => s.Regions.Count > 0);
        var regions = sources.SelectMany(s => s.Regions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var worst = regions.Select(r => (Region: r, Count: general + sources.Count(s => s.Regions.Contains(r)))).Prepend((Region: "", Count: general))
            .MaxBy(v => v.Count);
        if (worst.Count <= MaxSources) return;
        var where = worst.Region.Length == 0 ? "sources" : $"sources for a member in {worst.Region}";
        fields.Warning("sources", string.Create(CultureInfo.InvariantCulture,
            $"{worst.Count} {where}; keep at most {MaxSources}: the ones that back what the sections say (a country's own sources can say 'regions: [XX]')"));
    }

    /// <summary>
    /// Where a member opens the source: <c>url</c> (a public page) or <c>document</c> (one of this bot's own documents, a
    /// file in the knowledge folder); exactly one. <c>copy</c> names the stored copy of a news page.
    /// </summary>
    private static (Uri? Url, string? Document, bool Valid) ReadSourceLocation(YamlFieldReader source, string? title, SourceFiles? files)
    {
        var hasUrl = source.Has("url");
        var hasDocument = source.Has("document");
        if (!hasUrl && !hasDocument)
        {
            source.Error("url", $"source '{title ?? "(untitled)"}' has no url: every source must link to where its facts can be checked (or, for this bot's own documents, name the file with 'document:')");
            return (null, null, false);
        }

        if (hasUrl && hasDocument)
        {
            source.Error("document", $"source '{title ?? "(untitled)"}' has both a url and a document: keep the one a member opens");
            return (null, null, false);
        }

        var copy = source.String("copy", required: false);
        if (copy is not null) SourceChecks.CheckCopy(source, copy, files?.CopyExists);
        if (hasDocument)
        {
            var document = source.String("document", required: true);
            var checkedDocument = document is null ? null : SourceChecks.CheckDocument(source, document, files?.ReadDocument);
            return (null, checkedDocument, checkedDocument is not null);
        }

        var url = source.Url("url", required: false);
        if (url is not null) SourceChecks.CheckUrl(source, url, hasCopy: copy is not null);
        return (url, null, url is not null);
    }

    private static void CheckReviewDates(YamlFieldReader fields, DateOnly? reviewed, DateOnly? reviewBy, DateOnly today)
    {
        if (reviewed is { } r && r > today)
        {
            fields.Warning("reviewed", $"reviewed date {r:yyyy-MM-dd} is in the future");
        }

        if (reviewBy is not { } due) return;
        if (due < today)
        {
            fields.Error("review_by", $"review was due on {due:yyyy-MM-dd}: review the article, then set reviewed and a new review_by");
        }
        else if (due.DayNumber - today.DayNumber <= ReviewWarningWindow.Days)
        {
            fields.Warning("review_by", string.Create(CultureInfo.InvariantCulture,
                $"review is due on {due:yyyy-MM-dd} (in {due.DayNumber - today.DayNumber} days)"));
        }

        if (reviewed is { } done && due < done)
        {
            fields.Error("review_by", $"review_by {due:yyyy-MM-dd} is before reviewed {done:yyyy-MM-dd}");
        }
    }

    private static List<ArticleSection> ReadSections(string file, string body, int firstLine, IReadOnlyList<ArticleSource> sources, IReadOnlySet<string> sourceIds, DiagnosticBag diagnostics)
    {
        var raw = MarkdownSections.Split(body, firstLine);
        if (raw.Count == 0)
        {
            diagnostics.Error(file, firstLine, "article has no '## ' sections: the bot can only quote sections");
            return [];
        }

        var anchors = HeadingAnchor.Unique(raw.Select(s => s.Heading));
        var sections = new List<ArticleSection>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var (markdown, cited) = SectionSources.Read(file, raw[i], sources, sourceIds, diagnostics);
            var text = MarkdownSections.ToPlainText(markdown);
            if (text.Length == 0)
            {
                diagnostics.Error(file, raw[i].Line, $"section '{raw[i].Heading}' is empty");
                continue;
            }

            if (text.Length > MaxSectionLength)
            {
                diagnostics.Warning(file, raw[i].Line, string.Create(CultureInfo.InvariantCulture,
                    $"section '{raw[i].Heading}' is {text.Length:N0} characters; over {MaxSectionLength:N0} is too long to quote in chat"));
            }

            sections.Add(new ArticleSection(raw[i].Heading, anchors[i], text, raw[i].Line) { Sources = cited });
        }

        return sections;
    }

    private static bool IsSourceDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
