using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class FtsQueryTests
{
    [Fact]
    public void AnyOf_Phrases_AreQuotedAndJoinedWithOr()
    {
        var query = FtsQuery.AnyOf([["sextortion"], ["intimate", "images"]]);

        Assert.Equal("\"sextortion\" OR \"intimate images\"", query.Expression);
        Assert.Equal(2, query.PhraseCount);
    }

    [Fact]
    public void AnyOf_MultiWordPhrase_ListsEachOfItsWordsQuoted()
    {
        var query = FtsQuery.AnyOf([["sextortion"], ["intimate", "images"]]);

        Assert.Equal(["\"sextortion\""], query.Phrases[0].Words);
        Assert.Equal("\"intimate images\"", query.Phrases[1].Text);
        Assert.Equal(["\"intimate\"", "\"images\""], query.Phrases[1].Words);
    }

    [Fact]
    public void AnyOf_QuoteInsideWord_IsDoubled()
    {
        var query = FtsQuery.AnyOf([["a\"b"]]);

        Assert.Equal("\"a\"\"b\"", query.Expression);
    }

    [Fact]
    public void AnyOf_DuplicatesAndEmpties_AreDropped()
    {
        var query = FtsQuery.AnyOf([["pay"], ["pay"], [], [" "]]);

        Assert.Equal("\"pay\"", query.Expression);
    }

    [Fact]
    public void AnyOf_Nothing_IsEmpty() => Assert.True(FtsQuery.AnyOf([]).IsEmpty);
}
