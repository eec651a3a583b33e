using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class ArticleTermIndexTests
{
    private static readonly string[][] Articles =
    [
        ["Sextortion: someone THREATENS to share my nudes", "Don't pay. Keep évidence; report the accounts.", "crème brûlée naïve café"],
        ["Grooming signs", "Adults who give gifts, compliments and attention; secrets and private apps (Snapchat, Discord)."],
        ["Reporting 2025 numbers: 1-800-843-5678 and 233733", "Ｆｕｌｌｗｉｄｔｈ text and ǅ digraphs ẞ"],
    ];

    [Fact]
    public void Build_SameTexts_HasExactlyTheVocabularyOfTheLuceneIndex()
    {
        var terms = ArticleTermIndex.Build(Articles);
        var passages = Articles.Select(a => new IndexedPassage(a[0], "", "", "", "", string.Join('\n', a[1..]))).ToList();
        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Default);

        Assert.Equal(index.Vocabulary.Keys.Order(StringComparer.Ordinal), terms.Terms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ContainsAll_PhraseStemsInArticle_IsTrueOnlyWhenAllPresent()
    {
        var terms = ArticleTermIndex.Build(Articles);

        Assert.True(terms.ContainsAll(0, [LuceneAnalysis.Stem("threatening"), "nude"]));
        Assert.False(terms.ContainsAll(1, [LuceneAnalysis.Stem("threatening")]));
        Assert.False(terms.ContainsAll(0, []));
    }

    [Fact]
    public void TopicContainsAll_WordOnlyInASection_IsFalseButTrueForTheArticle()
    {
        var terms = ArticleTermIndex.Build([["Warning signs of grooming", "what does grooming look like"]], [["Signs\nAn adult who sends gifts and asks for secrets."]]);

        Assert.True(terms.TopicContainsAll(0, ["groom"]));
        Assert.False(terms.TopicContainsAll(0, ["gift"]));
        Assert.True(terms.ContainsAll(0, ["gift"]));
    }

    [Fact]
    public void TermIds_AWordNoArticleUses_IsNullAndKnownWordsFindTheirArticles()
    {
        var terms = ArticleTermIndex.Build(Articles);

        Assert.Null(terms.TermIds(["nude", "zzzz"]));
        Assert.Null(terms.TermIds([]));
        var ids = terms.TermIds(["nude", LuceneAnalysis.Stem("pay")])!;
        Assert.True(terms.ContainsTerms(0, ids));
        Assert.False(terms.ContainsTerms(1, ids));
    }

    [Fact]
    public void QuestionWordLogLikelihood_WordsOfOneArticlesQuestions_FavourThatArticleAndStopWordsCount()
    {
        var terms = ArticleTermIndex.Build([["Talking to your teen", "my son sent a photo"], ["Bullying", "i am being bullied at school"]],
            questions: [["my son sent a nude", "my daughter is sexting"], ["i am being bullied", "people at school are mean to me"]]);

        var parent = terms.QuestionTermIds(["what", "should", "my", "son", "do"]);
        var teen = terms.QuestionTermIds(["i", "am", "scared"]);

        // "what", "should", "do" and "scared" are in no article's questions: left out; "my" and "i" are kept (who is
        // asking), and the pairs the questions have ("my son", "i am")
        Assert.Equal(3, parent.Count);
        Assert.Equal(3, teen.Count);
        Assert.True(terms.QuestionWordLogLikelihood(0, parent) > terms.QuestionWordLogLikelihood(1, parent));
        Assert.True(terms.QuestionWordLogLikelihood(1, teen) > terms.QuestionWordLogLikelihood(0, teen));
        Assert.Equal(0, terms.QuestionWordLogLikelihood(0, terms.QuestionTermIds(["taxes"])));
    }

    [Fact]
    public void QuestionWordLogLikelihood_SameWordsInAnotherOrder_ThePairDecides()
    {
        // both articles' questions have "report" and "friend" once, in opposite orders
        var terms = ArticleTermIndex.Build([["Reporting", "how to report"], ["Friends", "a friend"]],
            questions: [["report friend", "alpha beta"], ["friend report", "gamma delta"]]);

        var reportFriend = terms.QuestionTermIds(["report", "friend"]);
        var friendReport = terms.QuestionTermIds(["friend", "report"]);

        Assert.Equal(3, reportFriend.Count);
        Assert.Equal(3, friendReport.Count);
        Assert.True(terms.QuestionWordLogLikelihood(0, reportFriend) > terms.QuestionWordLogLikelihood(1, reportFriend));
        Assert.True(terms.QuestionWordLogLikelihood(1, friendReport) > terms.QuestionWordLogLikelihood(0, friendReport));
    }

    [Fact]
    public void QuestionTermIds_UnknownWordBetween_NoPairAcrossIt()
    {
        var terms = ArticleTermIndex.Build([["Reporting", "report a friend"]], questions: [["report friend"]]);

        Assert.Equal(2, terms.QuestionTermIds(["report", "zzqx", "friend"]).Count);
        Assert.Equal(3, terms.QuestionTermIds(["report", "friend"]).Count);
    }
}
