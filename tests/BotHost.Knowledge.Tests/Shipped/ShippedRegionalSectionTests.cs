using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Shipped;

/// <summary>The shipped child-abuse-report quotes the section for the asker's region (issue #15: [CA] was quoted the US section).</summary>
public sealed class ShippedRegionalSectionTests
{
    private static readonly Lazy<KnowledgeBase> Knowledge = new(() =>
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, new DateOnly(2026, 12, 6));
        return KnowledgeBase.Build(snapshot ?? throw new InvalidOperationException(string.Join('\n', diagnostics)), new KnowledgeOptions(),
            new FakeTimeProvider(TestClock.Start));
    });

    [Theory]
    [InlineData("US", "Reporting in the US")]
    [InlineData("GB", "Reporting in the UK")]
    [InlineData("CA", "Canada, Australia, Ireland and elsewhere")]
    [InlineData("AU", "Canada, Australia, Ireland and elsewhere")]
    [InlineData("IE", "Canada, Australia, Ireland and elsewhere")]
    [InlineData("NZ", "Reporting in New Zealand")]
    [InlineData("IN", "Reporting in India")]
    [InlineData("EU", "Reporting in the EU")]
    public void Ask_HowToReportChildAbuseFromARegion_QuotesThatRegionsSection(string region, string heading)
    {
        var passage = Assert.Single(Knowledge.Value.Ask("how do i report child abuse", new AskContext(region)).Passages);

        Assert.Equal("child-abuse-report", passage.ArticleId);
        Assert.Equal(heading, passage.Heading);
    }

    [Theory]
    [InlineData("NZ", "who do i call about child abuse", "Reporting in New Zealand")]
    [InlineData("IN", "child abuse hotline number", "Reporting in India")]
    [InlineData("CA", "how do i report child abuse anonymously", "Canada, Australia, Ireland and elsewhere")]
    public void Ask_OtherWordingsFromARegion_QuoteThatRegionsSection(string region, string question, string heading)
    {
        var passage = Knowledge.Value.Ask(question, new AskContext(region)).Passages[0];

        Assert.Equal("child-abuse-report", passage.ArticleId);
        Assert.Equal(heading, passage.Heading);
    }

    [Fact]
    public void Ask_QuestionNamesAnotherCountry_KeepsThatCountrysSection()
    {
        var passage = Knowledge.Value.Ask("how to report child abuse in the uk", new AskContext("CA")).Passages[0];

        Assert.Equal("Reporting in the UK", passage.Heading);
    }

    [Fact]
    public void Ask_NewZealandAsker_MoreSourcesHasNewZealandsButNotIndiasSources()
    {
        var passage = Knowledge.Value.Ask("how do i report child abuse", new AskContext("NZ")).Passages[0];

        var publishers = passage.ArticleSources.Select(s => s.Publisher).ToList();
        Assert.Contains("Ministry of Social Development (New Zealand)", publishers);
        Assert.DoesNotContain("The Hindu", publishers);
        Assert.InRange(passage.ArticleSources.Count, 1, 6);
    }
}
