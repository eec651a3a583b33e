using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Answers;

/// <summary>An answer quotes the article's section for the asker's region, with region names from coverage.yaml.</summary>
public sealed class RegionalSectionTests : IDisposable
{
    private const string Regions = """
        regions:
          - {code: US, names: [US, United States]}
          - {code: CA, names: [Canada]}
          - {code: NZ, names: [New Zealand]}
          - {code: INTL, names: [elsewhere]}
        """;

    private readonly TempKnowledgeFolder _folder = TempKnowledgeFolder.With(TempKnowledgeFolder.Article(
        "report-abuse",
        "How to report abuse",
        ["how do i report abuse", "where do i report abuse", "who do i tell about abuse"],
        [
            ("Reporting in the US", "Report abuse to the state agency or the police."),
            ("Reporting in Canada", "Report abuse to the provincial agency or the police."),
            ("Reporting elsewhere", "A national helpline in your country can tell you where to report abuse."),
            ("If you are not sure", "You do not need proof to report abuse or to ask for advice."),
        ]));

    public RegionalSectionTests() => _folder.WriteFile("coverage.yaml", Regions);

    [Theory]
    [InlineData("US", "Reporting in the US")]
    [InlineData("CA", "Reporting in Canada")]
    [InlineData("NZ", "Reporting elsewhere")]
    public void Ask_RankedSectionIsAnotherCountrys_QuotesTheAskersOrElsewhere(string region, string heading)
    {
        using var knowledge = Load();

        var passage = knowledge.Ask("how do i report abuse in the state", new AskContext(region)).Passages[0];

        Assert.Equal(heading, passage.Heading);
    }

    [Fact]
    public void Ask_AskerWithNoRegion_KeepsTheRankingsSection()
    {
        using var knowledge = Load();
        var ranked = knowledge.Search("how do i report abuse in the state", "INTL").Ranked[0];

        var passage = knowledge.Ask("how do i report abuse in the state", AskContext.International).Passages[0];

        Assert.Equal(knowledge.Articles[0].Sections[ranked.Section].Heading, passage.Heading);
        Assert.Equal("Reporting in the US", passage.Heading);
    }

    [Fact]
    public void Ask_QuestionNamesTheSectionsCountry_KeepsItForAnAskerElsewhere()
    {
        using var knowledge = Load();

        var passage = knowledge.Ask("how do i report abuse in the state in the US", new AskContext("CA")).Passages[0];

        Assert.Equal("Reporting in the US", passage.Heading);
    }

    [Fact]
    public void Ask_SectionNamesNoRegion_KeptForEveryRegion()
    {
        using var knowledge = Load();

        var passage = knowledge.Ask("do i need proof to report abuse", new AskContext("CA")).Passages[0];

        Assert.Equal("If you are not sure", passage.Heading);
    }

    [Fact]
    public void Ask_NoCoverageFile_KeepsTheRankingsSection()
    {
        _folder.Delete("coverage.yaml");
        using var knowledge = Load();

        var passage = knowledge.Ask("how do i report abuse in the state", new AskContext("CA")).Passages[0];

        Assert.Equal("Reporting in the US", passage.Heading);
    }

    public void Dispose() => _folder.Dispose();

    private KnowledgeBase Load()
    {
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));
        return result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }
}
