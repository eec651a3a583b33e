using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Answers;

/// <summary>What one answer holds, so a reply fits a phone screen (issue #15): one passage, its section's sources, three hotlines.</summary>
public sealed class AnswerCompositionTests : IDisposable
{
    private const string Article = """
        ---
        id: blackmail
        title: "Someone is blackmailing me with my photos"
        summary: "Blackmail with photos is a crime and help exists."
        questions:
          - "someone is blackmailing me with my photos"
          - "a guy wants money or he will post my pics"
          - "what do i do about photo blackmail"
        tags: [blackmail, photos]
        audience: [all]
        regions: [INTL]
        hotlines: [intl-test-service, us-test-line, gb-test-line, us-test-emergency]
        sensitive: true
        sources:
          - id: police
            title: Police advice
            publisher: Police
            url: https://example.org/police
            date: null
          - id: charity
            title: Charity guide
            publisher: Charity
            url: https://example.org/charity
            date: null
          - id: helpline
            title: Helpline page
            publisher: Helpline
            url: https://example.org/helpline
            date: null
          - id: study
            title: A study
            publisher: University
            url: https://example.org/study
            date: 2024
        reviewed: 2026-11-01
        reviewed_by: Test Maintainer
        review_by: 2027-05-22
        ---

        ## Blackmail with photos: what to do now
        <!-- sources: helpline, police, charity -->

        Do not pay the person blackmailing you over your photos, keep the messages, and report the blackmail.

        ## How common it is
        <!-- sources: study -->

        Studies of teenagers count how often this happens.
        """;

    private const string Other = """
        ---
        id: photo-tips
        title: "Taking photos safely"
        summary: "Tips about photos and blackmail."
        questions:
          - "how do i keep my photos private"
          - "photo privacy settings"
          - "who can see my photos"
        tags: [photos]
        audience: [all]
        regions: [INTL]
        hotlines: []
        sensitive: false
        sources:
          - id: guide
            title: Photo guide
            publisher: Guide
            url: https://example.org/guide
            date: null
        reviewed: 2026-11-01
        reviewed_by: Test Maintainer
        review_by: 2027-05-22
        ---

        ## Privacy settings for photos
        <!-- sources: guide -->

        Photos can be blackmail material, so check who can see your photos in each app's privacy settings.
        """;

    private readonly TempKnowledgeFolder _folder = TempKnowledgeFolder.With(Article, Other);
    private readonly KnowledgeBase _knowledge;

    public AnswerCompositionTests()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));
        _knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Ask_TwoArticlesMatch_QuotesOnlyTheBestPassage()
    {
        var answer = _knowledge.Ask("someone is blackmailing me with my photos", new AskContext("US"));

        var passage = Assert.Single(answer.Passages);
        Assert.Equal("blackmail", passage.ArticleId);
    }

    [Fact]
    public void Ask_SectionCitesThreeSources_ShowsItsFirstTwoAndKeepsTheRestForMoreSources()
    {
        var passage = _knowledge.Ask("someone is blackmailing me with my photos", new AskContext("US")).Passages[0];

        Assert.Equal("Blackmail with photos: what to do now", passage.Heading);
        Assert.Equal(["helpline", "police"], passage.Sources.Select(s => s.Id));
        Assert.Equal(4, passage.ArticleSources.Count);
        Assert.True(passage.HasMoreSources);
    }

    [Fact]
    public void Ask_ArticleHasFourHotlinesForTheRegion_ShowsThreeWithTheRegionsOwnFirst()
    {
        var answer = _knowledge.Ask("someone is blackmailing me with my photos", new AskContext("US"));

        Assert.Equal(["us-test-line", "us-test-emergency", "intl-test-service"], answer.Hotlines.Select(h => h.Id));
    }

    [Fact]
    public void Load_SectionSourcesLine_IsNotQuoted()
    {
        var section = _knowledge.Articles.Single(a => a.Id == "blackmail").Sections[1];

        Assert.Equal("Studies of teenagers count how often this happens.", section.Text);
        Assert.Equal(["study"], section.Sources.Select(s => s.Id));
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }
}
