using BotHost.Knowledge.Articles;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Articles;

public sealed class AudienceTests
{
    [Theory]
    [InlineData("youth", Audience.Youth)]
    [InlineData("parents", Audience.Parents)]
    [InlineData("moderators", Audience.Moderators)]
    [InlineData("adults", Audience.Adults)]
    [InlineData("people-worried-about-own-thoughts", Audience.OwnThoughts)]
    [InlineData("all", Audience.All)]
    [InlineData("People-Worried-About-Own-Thoughts", Audience.OwnThoughts)]
    public void Parse_FrontMatterName_IsItsAudience(string name, Audience expected) => Assert.Equal(expected, AudienceNames.Parse(name));

    [Theory]
    [InlineData("teens")]
    [InlineData("OwnThoughts")]
    [InlineData("5")]
    [InlineData("")]
    public void Parse_UnknownName_IsNull(string name) => Assert.Null(AudienceNames.Parse(name));

    [Fact]
    public void Name_EveryAudience_ParsesBackToItself() =>
        Assert.All(Enum.GetValues<Audience>(), a => Assert.Equal(a, AudienceNames.Parse(AudienceNames.Name(a))));

    [Fact]
    public void Expected_NamesEveryAudience() =>
        Assert.All(Enum.GetValues<Audience>(), a => Assert.Contains(AudienceNames.Name(a), AudienceNames.Expected, StringComparison.Ordinal));

    [Fact]
    public void ShippedArticles_OnlyThePreventionArticleIsForPeopleWorriedAboutTheirOwnThoughts()
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, new DateOnly(2026, 12, 6));
        Assert.True(snapshot is not null, string.Join('\n', diagnostics));

        var ownThoughts = snapshot.Articles.Where(a => a.Audiences.Contains(Audience.OwnThoughts)).Select(a => a.Id);

        Assert.Equal(["prevention-help-seeking"], ownThoughts);
        Assert.All(snapshot.Articles, a => Assert.NotEmpty(a.Audiences));
    }
}
