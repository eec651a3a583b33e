using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>The stance classifier's word classes on short messages written for these tests.</summary>
public sealed class AskerWordsTests
{
    private static List<string> Terms(string text) => [.. AskerWords.TermsOf(SafetyText.Read(text).Words)];

    [Theory]
    [InlineData("11", "=age-minor")]
    [InlineData("17", "=age-minor")]
    [InlineData("13yo", "=age-minor")]
    [InlineData("14yr", "=age-minor")]
    [InlineData("18", "=age-adult")]
    [InlineData("42", "=age-adult")]
    [InlineData("teens", "=minor")]
    [InlineData("daughter", "=kin")]
    [InlineData("me", "=self")]
    public void ClassOf_ClassedWordOrAge_IsItsClass(string word, string expected) => Assert.Equal(expected, AskerWords.ClassOf(word));

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    [InlineData("12pm")]
    [InlineData("pizza")]
    public void ClassOf_OtherWordOrNumber_IsNull(string word) => Assert.Null(AskerWords.ClassOf(word));

    [Fact]
    public void TermsOf_TwoAgesInOneFrame_GiveTheSameTerms()
    {
        Assert.Equal(Terms("how do i get a 15 year old to meet me"), Terms("how do i get a 11 year old to meet me"));
    }

    [Fact]
    public void TermsOf_AskerGettingAMinor_HasActorOnMinor()
    {
        Assert.Contains("=actor-on-minor", Terms("how can i convince a teen to send pics"));
        Assert.Contains("=self>=persuade", Terms("how can i convince a teen to send pics"));
    }

    [Fact]
    public void TermsOf_ParentReportingForTheirChild_HasNoActorOnMinor()
    {
        var terms = Terms("someone asked my daughter for pics, how do i report it");

        Assert.DoesNotContain("=actor-on-minor", terms);
        Assert.Contains("=mine =kin", terms);
        Assert.Contains("=protect", terms);
    }

    [Fact]
    public void TermsOf_NoClassedWord_IsEmpty() => Assert.Empty(Terms("pizza tonight"));
}
