using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests;

public sealed class KnowledgeBaseTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly KnowledgeBase _knowledge;

    public KnowledgeBaseTests()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));
        _knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Ask_SextortionQuestion_QuotesTheSextortionArticleFirst()
    {
        var answer = _knowledge.Ask("someone is threatening to share my nudes unless i pay", new AskContext("US"));

        Assert.Equal(AnswerKind.Answered, answer.Kind);
        Assert.Equal("sextortion", answer.Passages[0].ArticleId);
        Assert.True(answer.Sensitive);
        Assert.NotEmpty(answer.Passages[0].Sources);
    }

    [Fact]
    public void Ask_SameQuestionAgainInOtherCase_GivesTheAnswerAlreadyGiven()
    {
        var first = _knowledge.Ask("what is sextortion", new AskContext("US"));

        var again = _knowledge.Ask("What is  Sextortion", new AskContext("us"));

        Assert.Same(first, again);
    }

    [Fact]
    public void Ask_SameQuestionFromAnotherRegion_AnsweredForThatRegion()
    {
        var us = _knowledge.Ask("what is sextortion", new AskContext("US"));

        var gb = _knowledge.Ask("what is sextortion", new AskContext("GB"));

        Assert.NotSame(us, gb);
        Assert.Equal("GB", gb.Region);
    }

    [Fact]
    public void Ask_ManyDistinctQuestions_KeepsAtMostTheCacheSize()
    {
        using var folder = SampleKnowledge.Create();
        using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = folder.Path, AnswerCacheSize = 50 }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        for (var i = 0; i < 500; i++) knowledge.Ask($"what is sextortion {i}", AskContext.International);

        Assert.InRange(knowledge.CachedAnswers, 1, 50);
    }

    [Fact]
    public void Ask_CacheOff_AnswersAgainEachTime()
    {
        using var folder = SampleKnowledge.Create();
        using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = folder.Path, AnswerCacheSize = 0 }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        var first = knowledge.Ask("what is sextortion", AskContext.International);
        var again = knowledge.Ask("what is sextortion", AskContext.International);

        Assert.NotSame(first, again);
        Assert.Equal(first.Passages[0].ArticleId, again.Passages[0].ArticleId);
        Assert.Equal(0, knowledge.CachedAnswers);
    }

    [Fact]
    public void Ask_RegionUS_ListsUsAndInternationalHotlinesOnly()
    {
        var answer = _knowledge.Ask("what is sextortion", new AskContext("US"));

        Assert.Equal(["us-test-line", "intl-test-service"], answer.Hotlines.Select(h => h.Id));
    }

    [Fact]
    public void Ask_RegionGB_ListsGbAndInternationalHotlinesOnly()
    {
        var answer = _knowledge.Ask("what is sextortion", new AskContext("gb"));

        Assert.Equal(["gb-test-line", "intl-test-service"], answer.Hotlines.Select(h => h.Id));
        Assert.Equal("GB", answer.Region);
    }

    [Fact]
    public void Ask_OffTopicQuestion_DeclinesWithGeneralHelpForTheRegion()
    {
        var answer = _knowledge.Ask("how do i bake banana bread", new AskContext("US"));

        Assert.Equal(AnswerKind.Declined, answer.Kind);
        Assert.Empty(answer.Passages);
        Assert.Equal(["us-test-line", "intl-test-service"], answer.Hotlines.Select(h => h.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("😭😭😭")]
    public void Ask_NoWordsAtAll_DeclinesWithoutAPassage(string question)
    {
        var answer = _knowledge.Ask(question, AskContext.International);

        Assert.Equal(AnswerKind.Declined, answer.Kind);
        Assert.Empty(answer.Passages);
    }

    [Theory]
    [InlineData("NEAR(report images, 2)", "near report images 2")]
    [InlineData("report* OR ^grooming AND (((", "report or grooming and")]
    [InlineData("how do i report - \"unbalanced", "how do i report unbalanced")]
    public void Ask_QuerySyntaxCharacters_AreReadAsPlainWords(string hostile, string plain)
    {
        var answer = _knowledge.Ask(hostile, AskContext.International);
        var expected = _knowledge.Ask(plain, AskContext.International);

        Assert.Equal(expected.Kind, answer.Kind);
        Assert.Equal(expected.Passages.Select(p => p.ArticleId), answer.Passages.Select(p => p.ArticleId));
    }

    [Fact]
    public void Ask_TenKilobytesOfText_StillAnswers()
    {
        var question = "how do i report child abuse images " + string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 600));

        var answer = _knowledge.Ask(question, AskContext.International);

        Assert.True(question.Length > 10_000);
        Assert.True(answer.Kind is AnswerKind.Answered or AnswerKind.Declined);
    }

    [Fact]
    public void Ask_Answer_HasSnippetWithinLimitAndHighlightsInsideIt()
    {
        var answer = _knowledge.Ask("where do i report abuse images", AskContext.International);

        var passage = answer.Passages[0];
        Assert.Equal("report-csam", passage.ArticleId);
        Assert.InRange(passage.Snippet.Text.Length, 1, SnippetBuilder.MaxLength);
        Assert.NotEmpty(passage.Snippet.Highlights);
        Assert.All(passage.Snippet.Highlights, h => Assert.InRange(h.End, 1, passage.Snippet.Text.Length));
    }

    [Fact]
    public void Ask_ArticleBaseUrl_DeepLinksTheSectionAnchor()
    {
        var options = new KnowledgeOptions { Path = _folder.Path, ArticleBaseUrl = new Uri("https://example.org/kb/") };
        using var knowledge = KnowledgeBase.Load(options, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        var passage = knowledge.Ask("signs of grooming online", AskContext.International).Passages[0];

        Assert.Equal($"https://example.org/kb/articles/grooming-signs.md#{passage.Anchor}", passage.Link!.ToString());
    }

    [Fact]
    public void Quote_ExistingSection_ReturnsItVerbatim()
    {
        var passage = _knowledge.Quote("report-csam", 1);

        Assert.NotNull(passage);
        Assert.Equal("Where to report", passage.Heading);
        Assert.StartsWith("Report the link", passage.Snippet.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_UnknownArticle_ReturnsNull() => Assert.Null(_knowledge.Quote("no-such-article"));

    [Fact]
    public void Load_InvalidFolder_ReturnsDiagnosticsAndNoKnowledgeBase()
    {
        using var folder = TempKnowledgeFolder.With(TempKnowledgeFolder.Article("bad", "Bad", ["q1", "q2", "q3"], [], hotlines: ["nope"]));

        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = folder.Path }, new FakeTimeProvider(TestClock.Start));

        Assert.Null(result.Knowledge);
        Assert.Contains(result.Errors, d => d.Message.Contains("unknown hotline id 'nope'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, d => d.Message.Contains("no '## ' sections", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SameContent_HasTheSameVersion_AndAChangeChangesIt()
    {
        using var again = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;
        Assert.Equal(_knowledge.Version, again.Version);

        _folder.WriteFile("synonyms.yaml", "groups:\n  - [nudes, pics]\n");
        using var changed = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        Assert.NotEqual(_knowledge.Version, changed.Version);
    }

    [Fact]
    public void Search_QuestionLikeAnOffTopicExample_IsLessConfidentAndOnTopicQuestionsStillAnswer()
    {
        var before = _knowledge.Search("dog grooming near me", "US").Ranked[0];
        _folder.WriteFile("off-topic.yaml", "questions:\n  - where can i get my dog groomed\n  - how much does dog grooming cost\n");
        using var withExamples = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        var after = withExamples.Search("dog grooming near me", "US").Ranked[0];

        Assert.Equal(0, before.OffTopicScore);
        Assert.True(after.OffTopicScore > 0);
        Assert.True(after.Confidence < before.Confidence, $"{after.Confidence} should be below {before.Confidence}");
        Assert.Equal(AnswerKind.Answered, withExamples.Ask("signs of grooming online", new AskContext("US")).Kind);
        Assert.Equal(2, withExamples.Snapshot.OffTopic.Count);
    }

    [Fact]
    public void Search_OffTopicExamplesSwitchedOff_IgnoresTheFile()
    {
        _folder.WriteFile("off-topic.yaml", "questions:\n  - where can i get my dog groomed\n");
        var options = new KnowledgeOptions { Path = _folder.Path, Features = BotHost.Knowledge.Search.SearchFeatures.All & ~BotHost.Knowledge.Search.SearchFeatures.OffTopicExamples };
        using var without = KnowledgeBase.Load(options, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        Assert.Equal(0, without.Search("dog grooming near me", "US").Ranked[0].OffTopicScore);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }
}
