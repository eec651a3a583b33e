using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Shipped;

/// <summary>The knowledge base the bot ships with: valid today, and shaped as the knowledge-base issue asks.</summary>
public sealed partial class ShippedKnowledgeTests
{
    private static readonly string[] ArticleIds =
    [
        "thorn", "thorn-impact-2017", "thorn-tools", "kutcher-senate-testimony", "ashton-kutcher-thorn-role",
        "sextortion", "take-it-down", "stopncii", "report-csam", "csam-terminology", "grooming-signs", "grooming-response",
        "trafficking-signs", "trafficking-report", "child-abuse-report", "nudes-shared-by-teens",
        "support-someone-who-discloses", "moderator-csam-response", "moderator-disclosure-response",
        "online-safety-basics", "crisis-support", "prevention-help-seeking", "ai-generated-abuse-images", "hotlines",
        "about-this-bot",
        // issue #15
        "sexual-assault", "self-harm", "friend-in-crisis", "cyberbullying", "stalking-doxxing", "violence-at-home",
        "hacked-account", "unsolicited-sexual-images", "adult-image-abuse", "parent-child-saw-porn", "parent-teen-sexting",
        "moderator-minors", "moderator-platform-reports", "moderator-evidence", "report-csam-by-country",
        "moderator-self-harm-content",
    ];

    /// <summary>The latest review date of the shipped articles (the issue #15 articles were reviewed on this day).</summary>
    private static readonly DateOnly ReviewDate = new(2026, 12, 6);

    private static readonly Lazy<KnowledgeSnapshot> Snapshot = new(() =>
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, ReviewDate);
        return snapshot ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
    });

    [Fact]
    public void Load_ShippedFolderOnTheReviewDate_HasNoErrorsOrWarnings()
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, ReviewDate);

        Assert.NotNull(snapshot);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Articles_AreExactlyTheIssuesIds() =>
        Assert.Equal(ArticleIds.Order(StringComparer.Ordinal), Snapshot.Value.Articles.Select(a => a.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void EveryArticle_HasEnoughQuestionsAndQuotableSections()
    {
        Assert.All(Snapshot.Value.Articles, article =>
        {
            Assert.True(article.Questions.Count >= 6, $"{article.Id}: {article.Questions.Count} questions");
            // At most 6 sections besides one per region (child-abuse-report quotes the section for the asker's region).
            var regional = article.Sections.Count(s => Snapshot.Value.Regions.Any(r => Knowledge.Coverage.CoverageMatrix.Names(r, s.Heading)));
            Assert.True(article.Sections.Count >= 2, $"{article.Id}: {article.Sections.Count} sections");
            Assert.InRange(article.Sections.Count - regional, 1, 6);
            Assert.All(article.Sections, s => Assert.True(s.Text.Length <= 1000, $"{article.Id}#{s.Anchor}: {s.Text.Length} characters"));
            Assert.NotEmpty(article.Sources);
        });
    }

    [Fact]
    public void Synonyms_HaveAtLeastThirtyGroups() => Assert.True(Snapshot.Value.Synonyms.Groups.Count >= 30);

    [Fact]
    public void ArticleText_HasNoHotlineNumbers_BecauseNumbersComeOnlyFromTheHotlineDirectory()
    {
        var hotlines = Snapshot.Value.Hotlines.All;
        var numbers = hotlines.SelectMany(h => new[] { h.Phone, h.Sms?.Number }).OfType<string>().Select(Digits).ToHashSet();
        // A number that is part of a service's name ("the 988 Suicide & Crisis Lifeline") names it; it is not a contact detail.
        var names = hotlines.SelectMany(h => new[] { h.Name, h.Name.Split(" (")[0], h.Name.Split(':')[0] }).Distinct().OrderByDescending(n => n.Length).ToList();

        var found = Snapshot.Value.Articles
            .SelectMany(a => a.Sections.Select(s => (a.Id, Text: names.Aggregate(s.Text, (t, n) => t.Replace(n, " ", StringComparison.OrdinalIgnoreCase)))))
            .SelectMany(x => NumberPattern().Matches(x.Text).Select(m => (x.Id, Number: m.Value)))
            .Where(x => numbers.Contains(Digits(x.Number)))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void EvalSet_HasTheCountsTheIssueAsksFor()
    {
        var file = Path.Combine(RepositoryPaths.Knowledge, "eval", "questions.tsv");
        var (cases, errors) = EvalSetReader.Read(file, File.ReadAllText(file));

        Assert.Empty(errors);
        Assert.True(cases.Count(c => c.Expectation == EvalExpectation.Answer) >= 150);
        Assert.True(cases.Count(c => c.Expectation == EvalExpectation.Decline) >= 30);
        Assert.True(cases.Count(c => c.Expectation == EvalExpectation.Refuse) >= 15);
        Assert.All(ArticleIds, id => Assert.True(cases.Count(c => c.Expected.Contains(id)) >= 5, $"{id} has fewer than 5 eval questions"));
        Assert.All(cases.SelectMany(c => c.Expected), id => Assert.Contains(id, ArticleIds));
    }

    [Theory]
    [InlineData("section-questions.tsv")]
    [InlineData("dev-section-questions.tsv")]
    public void SectionEvalSet_EveryLineNamesASectionThatExists(string name)
    {
        var file = Path.Combine(RepositoryPaths.Knowledge, "eval", name);
        var (cases, errors) = EvalSetReader.Read(file, File.ReadAllText(file));
        var sections = Snapshot.Value.Articles.SelectMany(a => a.Sections.Select(s => $"{a.Id}#{s.Anchor}")).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(errors);
        Assert.True(cases.Count >= 30);
        Assert.All(cases, c => Assert.True(c.HasSections, $"line {c.Line} names no section"));
        Assert.All(cases.SelectMany(c => c.Sections!), id => Assert.Contains(id, sections));
    }

    [Fact]
    public void Search_WithoutTheEncoder_QuotesTheSectionOfTheWordsThatAreNotTheArticlesTitle()
    {
        using var knowledge = KnowledgeBase.Build(Snapshot.Value, new KnowledgeOptions(), new FakeTimeProvider(TestClock.Start));

        var top = knowledge.Search("where do i report sextortion", "INTL").Ranked[0];

        Assert.Equal("sextortion", knowledge.Articles[top.Article].Id);
        Assert.Equal("report-it", knowledge.Articles[top.Article].Sections[top.Section].Anchor);
    }

    [Fact]
    public void EveryArticle_CanBeFoundByItsOwnTitle()
    {
        using var knowledge = KnowledgeBase.Build(Snapshot.Value, new KnowledgeOptions(), new FakeTimeProvider(TestClock.Start));

        Assert.All(Snapshot.Value.Articles, a =>
            Assert.Contains(a.Id, knowledge.Search(a.Title, "INTL").Ranked.Take(3).Select(r => knowledge.Articles[r.Article].Id)));
    }

    [Fact]
    public void Vocabulary_OfTheShippedIndex_HasTheQueryStemOfEveryWordOfTheSections()
    {
        var passages = Snapshot.Value.Articles.SelectMany(a => a.Sections.Select(s =>
            new IndexedPassage(a.Title, string.Join('\n', a.Questions), string.Join(' ', a.Tags), a.Summary, s.Heading, s.Text))).ToList();
        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Tuned);

        var words = Snapshot.Value.Articles.SelectMany(a => a.Sections).SelectMany(s => TextTokenizer.Tokenize(s.Heading + "\n" + s.Text)).Select(t => t.Text).Distinct().ToList();

        Assert.True(words.Count > 500);
        Assert.DoesNotContain(words, w => !index.Vocabulary.ContainsKey(LuceneAnalysis.Stem(w)));
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    // A run of digits with spaces or hyphens inside, not part of a larger number such as "6,000".
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\d,.])\d(?:[\d \-]*\d)?(?!\d|,\d)")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();
}
