using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Articles;

/// <summary>A source for one region (<c>regions: [NZ]</c>): the 6-source cap holds per region.</summary>
public sealed class SourceRegionsTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new();

    public SourceRegionsTests() => _folder.WriteFile("hotlines.yaml", TempKnowledgeFolder.DefaultHotlines);

    [Fact]
    public void Load_FiveGeneralAndOneSourcePerCountry_NoWarning()
    {
        _folder.WriteArticle(Article(general: 5, ("NZ", 1), ("IN", 1)));

        var (snapshot, diagnostics) = KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 11, 22));

        Assert.NotNull(snapshot);
        Assert.Empty(diagnostics);
        Assert.Equal(["NZ"], snapshot.Articles[0].Sources.Single(s => s.Id == "nz1").Regions);
    }

    [Fact]
    public void Load_FiveGeneralAndTwoForOneCountry_WarnsWithThatCountry()
    {
        _folder.WriteArticle(Article(general: 5, ("NZ", 2), ("IN", 1)));

        var (_, diagnostics) = KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 11, 22));

        var warning = Assert.Single(diagnostics);
        Assert.False(warning.IsError);
        Assert.StartsWith("7 sources for a member in NZ; keep at most 6", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SevenGeneralSources_WarnsAsBefore()
    {
        _folder.WriteArticle(Article(general: 7));

        var (_, diagnostics) = KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 11, 22));

        Assert.StartsWith("7 sources; keep at most 6", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownRegionOnASource_IsAnError()
    {
        _folder.WriteArticle(Article(general: 1, ("Narnia", 1)));

        var (snapshot, diagnostics) = KnowledgeLoader.Load(_folder.Path, new DateOnly(2026, 11, 22));

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.IsError && d.Message.StartsWith("unknown region 'Narnia'", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private static string Article(int general, params (string Region, int Count)[] regional)
    {
        var sources = Enumerable.Range(1, general).Select(i => ($"g{i}", (string?)null))
            .Concat(regional.SelectMany(r => Enumerable.Range(1, r.Count).Select(i => ($"{r.Region.ToLowerInvariant()}{i}", (string?)r.Region))))
            .Select(s => $"  - id: {s.Item1}\n    title: Source {s.Item1}\n    publisher: Publisher\n    url: https://example.org/{s.Item1}\n" +
                (s.Item2 is { } region ? $"    regions: [{region}]\n" : string.Empty) + "    date: null\n");
        return $"""
            ---
            id: report
            title: Reporting
            summary: Where to report.
            questions:
              - where do i report it
              - how do i report it
              - who do i report it to
            tags: [report]
            audience: [all]
            regions: [INTL]
            hotlines: []
            sensitive: false
            sources:
            {string.Concat(sources).TrimEnd('\n')}
            reviewed: 2026-11-01
            reviewed_by: Test Maintainer
            review_by: 2027-05-22
            ---

            ## Where to report
            <!-- sources: g1 -->

            Report it to the service for your country.
            """;
    }
}
