using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class LuceneAnalysisTests
{
    [Theory]
    [InlineData("threatening", "threaten")]
    [InlineData("images", "imag")]
    [InlineData("sextortion", "sextort")]
    [InlineData("reporting", "report")]
    public void Stem_KnownWord_GivesThePorterStem(string word, string stem) => Assert.Equal(stem, LuceneAnalysis.Stem(word));

    [Fact]
    public void Terms_Text_AreTheIndexTermsInOrder() =>
        Assert.Equal(["don", "t", "pai", "them", "cafe"], LuceneAnalysis.Terms("Don't PAY them, café!"));

    [Theory]
    [InlineData("Don't PAY them, café!")]
    [InlineData("")]
    [InlineData("  \u0301 -- !!")]
    [InlineData("line one\nline two, 2024")]
    public void CountTerms_Text_IsTheNumberOfTerms(string text) => Assert.Equal(LuceneAnalysis.Terms(text).Count, LuceneAnalysis.CountTerms(text));

    [Fact]
    public void Stem_WordAMemberTyped_IsNotKept()
    {
        const string word = "qqzxmemberwordings";

        var stem = LuceneAnalysis.Stem(word);

        Assert.Equal("qqzxmemberword", stem);
        Assert.False(LuceneAnalysis.IsKept(word));
    }

    [Fact]
    public void Stem_KnowledgeWord_IsKept()
    {
        const string word = "qqzxknowledgewordings";

        LuceneAnalysis.Stem(word, keep: true);

        Assert.True(LuceneAnalysis.IsKept(word));
    }

    [Fact]
    public void Analyze_MemberQuestion_KeepsNoStemOfItsWords()
    {
        var analyzer = new QueryAnalyzer(new Dictionary<string, int> { ["report"] = 1 }, new Dictionary<string, int> { ["report"] = 1 }, SynonymSet.Empty, SearchFeatures.All);

        analyzer.Analyze("qqzxunseenwording qqzxotherwords report");

        Assert.False(LuceneAnalysis.IsKept("qqzxunseenwording"));
        Assert.False(LuceneAnalysis.IsKept("qqzxotherwords"));
    }
}
