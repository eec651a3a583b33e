using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class TyposTests
{
    [Theory]
    [InlineData("sextortion", "sextortion", 0)]
    [InlineData("sextrotion", "sextortion", 1)]
    [InlineData("sextortin", "sextortion", 1)]
    [InlineData("threatnin", "threaten", 2)]
    [InlineData("ab", "abc", 1)]
    public void Distance_WithinTwoEdits_CountsInsertionsDeletionsSubstitutionsAndSwaps(string word, string candidate, int distance) =>
        Assert.Equal(distance, new Typos(word, Typos.MaxEdits).Distance(candidate));

    [Theory]
    [InlineData("kitten", "sitting")]
    [InlineData("", "abc")]
    public void Distance_MoreThanTheMostThatCount_IsNull(string word, string candidate) => Assert.Null(new Typos(word, 2).Distance(candidate));

    [Fact]
    public void Distance_OneEditAllowed_TwoAwayIsNull() => Assert.Null(new Typos("threatnin", 1).Distance("threaten"));

    [Fact]
    public void Constructor_MoreEditsThanLuceneBuilds_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Typos("word", Typos.MaxEdits + 1));

    [Fact]
    public void Nearest_SeveralCandidates_GivesTheClosestWithinTheLimit()
    {
        Assert.Equal("questions", Typos.Nearest("qestions", ["title", "questions", "question_s"]));
        Assert.Null(Typos.Nearest("summary", ["title", "questions"]));
    }
}
