using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Articles;

/// <summary>A source that is one of the bot's own documents (a file in the knowledge folder) instead of a web page.</summary>
public sealed class DocumentSourceTests : IDisposable
{
    private const string Document = """
        # How the bot works

        ## What it keeps

        Daily counts only.
        """;

    private readonly TempKnowledgeFolder _folder = TempKnowledgeFolder.With(AboutArticle("about/bot.md#what-it-keeps"));

    public DocumentSourceTests() => _folder.WriteFile("about/bot.md", Document);

    [Fact]
    public void Ask_DocumentSourceWithoutArticleBaseUrl_ShowsItAsTextWithNoLink()
    {
        using var knowledge = Load(baseUrl: null);

        var source = Assert.Single(knowledge.Ask("what does the bot keep", AskContext.International).Passages[0].Sources);

        Assert.Null(source.Url);
        Assert.Equal("about/bot.md#what-it-keeps", source.Document);
        Assert.Equal("this bot's own documentation: about/bot.md#what-it-keeps", source.Location);
    }

    [Fact]
    public void Ask_DocumentSourceWithArticleBaseUrl_LinksItWhereTheArticlesArePublished()
    {
        using var knowledge = Load(new Uri("https://example.org/kb/"));

        var passage = knowledge.Ask("what does the bot keep", AskContext.International).Passages[0];

        var source = Assert.Single(passage.Sources);
        Assert.Equal("https://example.org/kb/about/bot.md#what-it-keeps", source.Url!.AbsoluteUri);
        Assert.Equal(source, Assert.Single(passage.ArticleSources));
        Assert.False(passage.HasMoreSources);
    }

    [Fact]
    public void Load_DocumentRemoved_RejectsTheKnowledgeWithTheSourceLine()
    {
        _folder.Delete("about/bot.md");

        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.EndsWith("articles/about.md", error.File, StringComparison.Ordinal);
        Assert.Contains("document 'about/bot.md' not found in the knowledge folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DocumentHeadingRenamed_RejectsTheAnchorAndListsTheDocumentsAnchors()
    {
        _folder.WriteFile("about/bot.md", Document.Replace("## What it keeps", "## What it stores", StringComparison.Ordinal));

        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Contains("has no heading with the anchor '#what-it-keeps' (its anchors: #how-the-bot-works, #what-it-stores)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DocumentEdited_ChangesTheKnowledgeVersion()
    {
        using var before = Load(baseUrl: null);
        _folder.WriteFile("about/bot.md", Document + "\nWeekly counts too.\n");

        using var after = Load(baseUrl: null);

        Assert.NotEqual(before.Version, after.Version);
    }

    public void Dispose() => _folder.Dispose();

    private KnowledgeBase Load(Uri? baseUrl)
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path, ArticleBaseUrl = baseUrl }, new FakeTimeProvider(TestClock.Start));
        return result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    private static string AboutArticle(string document) => $"""
        ---
        id: about
        title: About the bot
        summary: What the bot keeps.
        questions:
          - what does the bot keep
          - does the bot store my messages
          - what data does the bot keep
        tags: [about]
        audience: [all]
        regions: [INTL]
        hotlines: []
        sensitive: false
        sources:
          - id: keeps
            title: What it keeps
            publisher: Maintainers
            document: {document}
            date: null
        reviewed: 2026-11-01
        reviewed_by: Test Maintainer
        review_by: 2027-05-22
        ---

        ## What the bot keeps
        <!-- sources: keeps -->

        The bot keeps daily counts only, never what you wrote.
        """;
}
