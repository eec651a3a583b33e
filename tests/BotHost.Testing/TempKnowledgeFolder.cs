using System.Globalization;
using System.Text;

namespace BotHost.Testing;

/// <summary>
/// A real knowledge folder on disk for one test, deleted afterwards. Articles are written from a few fields with
/// sensible defaults so a test states only what it is about.
/// </summary>
public sealed class TempKnowledgeFolder : IDisposable
{
    public const string DefaultHotlines = """
        hotlines:
          - id: us-test-line
            name: Test Line
            operator: Test Operator
            region: US
            topics: [sextortion]
            phone: "1-800-555-0100"
            phone_words: "1-800-555-TEST"
            url: https://example.org/report
            hours: "24/7"
            general: true
            confidence: verified
            verified: 2026-11-01
            source: https://example.org/about
          - id: gb-test-line
            name: UK Test Line
            operator: Test Operator UK
            region: GB
            topics: [sextortion]
            phone: "0800 555 0100"
            general: true
            confidence: verified
            verified: 2026-11-01
            source: https://example.org/uk
          - id: intl-test-service
            name: International Test Service
            operator: Test International
            region: INTL
            topics: [image-removal]
            url: https://example.org/intl
            general: true
            confidence: corroborated
            verified: 2026-11-01
            source: https://example.org/intl/about
          - id: us-test-emergency
            name: Test Emergency
            operator: Test Emergency Services
            region: US
            topics: [emergency]
            phone: "911"
            emergency: true
            confidence: verified
            verified: 2026-11-01
            source: https://example.org/911
        """;

    public TempKnowledgeFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bothost-kb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "articles"));
    }

    public string Path { get; }

    public string ArticlesPath => System.IO.Path.Combine(Path, "articles");

    /// <summary>A folder with the default hotlines and the given articles.</summary>
    public static TempKnowledgeFolder With(params string[] articles)
    {
        var folder = new TempKnowledgeFolder();
        folder.WriteFile("hotlines.yaml", DefaultHotlines);
        foreach (var article in articles) folder.WriteArticle(article);
        return folder;
    }

    /// <summary>Writes a full article file; its id is read from the "id:" line.</summary>
    public string WriteArticle(string content)
    {
        var id = content.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("id:", StringComparison.Ordinal))[3..].Trim();
        return WriteFile($"articles/{id}.md", content);
    }

    public string WriteFile(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return full;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    /// <summary>An article in the knowledge format, with defaults for every field not given.</summary>
    public static string Article(
        string id,
        string title,
        string[] questions,
        (string Heading, string Text)[] sections,
        string[]? tags = null,
        string[]? hotlines = null,
        bool sensitive = false,
        string[]? regions = null,
        string summary = "A short summary of the article for tests.",
        string reviewBy = "2027-05-22",
        string[]? audience = null)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"id: {id}\n");
        text.Append(CultureInfo.InvariantCulture, $"title: \"{title}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"summary: \"{summary}\"\n");
        text.Append("questions:\n");
        foreach (var q in questions) text.Append(CultureInfo.InvariantCulture, $"  - \"{q}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"tags: [{string.Join(", ", tags ?? ["test"])}]\n");
        text.Append(CultureInfo.InvariantCulture, $"audience: [{string.Join(", ", audience ?? ["all"])}]\n");
        text.Append(CultureInfo.InvariantCulture, $"regions: [{string.Join(", ", regions ?? ["INTL"])}]\n");
        text.Append(CultureInfo.InvariantCulture, $"hotlines: [{string.Join(", ", hotlines ?? [])}]\n");
        text.Append(CultureInfo.InvariantCulture, $"sensitive: {(sensitive ? "true" : "false")}\n");
        text.Append("sources:\n  - title: Test source\n    publisher: Test Publisher\n    url: https://example.org/source\n    date: 2024-01-01\n    id: test\n");
        text.Append("reviewed: 2026-11-01\nreviewed_by: Test Maintainer\n");
        text.Append(CultureInfo.InvariantCulture, $"review_by: {reviewBy}\n");
        text.Append("---\n\n");
        foreach (var (heading, body) in sections) text.Append(CultureInfo.InvariantCulture, $"## {heading}\n<!-- sources: test -->\n\n{body}\n\n");
        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed mid-write may hold a file open; the temp folder is cleaned by the OS later.
        }
    }
}
