using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class LexicalQueryTests
{
    [Fact]
    public void AnyOf_Phrases_KeepTheirWordsAndStemsInOrder()
    {
        var query = LexicalQuery.AnyOf([["sextortion"], ["intimate", "images"]]);

        Assert.Equal(2, query.PhraseCount);
        Assert.Equal(["intimate", "images"], query.Phrases[1].Words);
        Assert.Equal(["intim", "imag"], query.Phrases[1].Stems);
        Assert.Equal("sextortion | intimate images", query.ToString());
    }

    [Fact]
    public void AnyOf_QueryCharacters_StayPlainWords()
    {
        var query = LexicalQuery.AnyOf([["a\"b", "*", "OR"]]);

        Assert.Equal(["a\"b", "*", "OR"], query.Phrases[0].Words);
    }

    [Fact]
    public void AnyOf_DuplicatesAndEmpties_AreDropped()
    {
        var query = LexicalQuery.AnyOf([["pay"], ["pay"], [], [" "]]);

        Assert.Equal("pay", query.ToString());
    }

    [Fact]
    public void AnyOf_Nothing_IsEmpty() => Assert.True(LexicalQuery.AnyOf([]).IsEmpty);
}
