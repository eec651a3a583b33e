using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class SqliteSearchIndexTests
{
    private static readonly IndexedPassage[] Passages =
    [
        new("Sextortion", "someone threatens to share my nudes", "sextortion blackmail", "Threats to share images.", "What it is", "Sextortion is a crime."),
        new("Grooming", "is someone grooming my child", "grooming", "Signs of grooming.", "Signs", "Adults who give gifts and ask for secrets."),
        new("Reporting", "how to report images", "report", "Where to report.", "Where", "Report images to the national hotline."),
    ];

    [Fact]
    public void Search_WordInQuestionsColumn_FindsThatPassageFirst()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);

        var hits = index.Search(FtsQuery.AnyOf([["threatening"]]), 10);

        Assert.Equal(0, hits[0].Passage);
        Assert.True(hits[0].Score > 0);
    }

    [Fact]
    public void Search_HeavierWeightOnTitle_RanksTitleMatchAboveBodyMatch()
    {
        IndexedPassage[] passages =
        [
            new("Other", "", "", "", "", "This body mentions grooming once among many other words here."),
            new("Grooming", "", "", "", "", "Nothing relevant."),
        ];
        using var index = SqliteSearchIndex.Build(passages, [], new SearchWeights(Title: 10, Questions: 1, Tags: 1, Summary: 1, Heading: 1, Body: 1));

        var hits = index.Search(FtsQuery.AnyOf([["grooming"]]), 10);

        Assert.Equal(1, hits[0].Passage);
    }

    [Fact]
    public void Search_DifferentLimits_EachReturnsAtMostItsLimit()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);
        var query = FtsQuery.AnyOf([["images"]]);

        var one = index.Search(query, 1);
        var all = index.Search(query, 10);
        var oneAgain = index.Search(query, 1);

        Assert.Single(one);
        Assert.Equal(2, all.Count);
        Assert.Equal(one, oneAgain);
        Assert.Equal(all[0], one[0]);
    }

    [Fact]
    public void Search_PhraseNotInTheTable_LeavesEveryScoreUnchanged()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);

        var without = index.Search(FtsQuery.AnyOf([["images"], ["grooming"]]), 10);
        var with = index.Search(FtsQuery.AnyOf([["images"], ["zebra"], ["grooming"], ["nude", "zebra"]]), 10);

        Assert.Equal(3, without.Count);
        Assert.Equal(without, with);
    }

    [Fact]
    public void Search_SmallBudgetStillCoveringTheQuery_RanksAsWithALargeOne()
    {
        using var large = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default, budget: int.MaxValue);
        using var small = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default, budget: 5);
        var query = FtsQuery.AnyOf([["images"], ["grooming"], ["share", "images"], ["report"]]);

        Assert.Equal(large.Search(query, 10), small.Search(query, 10));
    }

    [Fact]
    public void Search_OverBudget_MatchesOnlyTheRarestPhrase()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default, budget: 1);

        var hits = index.Search(FtsQuery.AnyOf([["images"], ["grooming"]]), 10);

        Assert.Equal([1], hits.Select(h => h.Passage));
    }

    [Fact]
    public void Search_LonePhraseOverBudget_MatchesSectionsNamingItInTitleTagsOrHeading()
    {
        IndexedPassage[] passages =
        [
            new("Other", "", "", "", "Intro", "Grooming is mentioned in the body only."),
            new("Grooming", "", "", "", "Signs", "Nothing else here."),
            new("Another", "", "", "", "Grooming signs", "Plain text."),
        ];
        using var index = SqliteSearchIndex.Build(passages, [], SearchWeights.Default, budget: 1);

        var hits = index.Search(FtsQuery.AnyOf([["grooming"]]), 10);

        Assert.Equal([1, 2], hits.Select(h => h.Passage).Order());
    }

    [Fact]
    public void SearchQuestions_PhraseNotInQuestions_LeavesEveryScoreUnchanged()
    {
        using var index = SqliteSearchIndex.Build(Passages, ["how do i report images", "what is grooming", "report it"], SearchWeights.Default);

        var without = index.SearchQuestions(FtsQuery.AnyOf([["report"]]), 10);
        var with = index.SearchQuestions(FtsQuery.AnyOf([["sextortion"], ["report"]]), 10);

        Assert.Equal(2, without.Count);
        Assert.Equal(without, with);
    }

    [Fact]
    public void Vocabulary_ContainsStemsWithPassageCounts()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);

        Assert.Equal(1, index.Vocabulary["report"]);
        Assert.Equal(2, index.Vocabulary["imag"]);
        Assert.True(index.Vocabulary.ContainsKey("sextort"));
        Assert.Equal(3, index.PassageCount);
    }

    [Fact]
    public void Search_ConcurrentQueries_AllSucceed()
    {
        using var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);

        var counts = Enumerable.Range(0, 200).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => index.Search(FtsQuery.AnyOf([["report"]]), 10).Count).ToList();

        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Dispose_ThenSearch_ThrowsObjectDisposed()
    {
        var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);

        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(FtsQuery.AnyOf([["report"]]), 10));
    }

    [Fact]
    public async Task Dispose_WhileQueriesRun_LetsThemFinish()
    {
        var index = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);
        var errors = 0;
        var searches = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    index.Search(FtsQuery.AnyOf([["report"]]), 10);
                }
                catch (ObjectDisposedException)
                {
                    return; // refused cleanly after disposal: that is allowed
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        index.Dispose();
        await Task.WhenAll(searches);

        Assert.Equal(0, errors);
    }

    [Fact]
    public void Search_KeptPostings_GiveExactlyTheScoresOfOneFts5Statement()
    {
        using var kept = SqliteSearchIndex.Build(Passages, ["how do i report images", "someone threatens me", "grooming signs"], SearchWeights.Tuned);
        using var direct = SqliteSearchIndex.Build(Passages, ["how do i report images", "someone threatens me", "grooming signs"], SearchWeights.Tuned, keepPostings: false);
        string[][][] queries =
        [
            [["report"], ["images"]],
            [["images"], ["report"], ["sextortion"], ["nothing"]],
            [["share", "my", "nudes"], ["grooming"], ["secrets"]],
            [["report"], ["images"]], // again: now every phrase is kept
        ];

        foreach (var words in queries)
        {
            var query = FtsQuery.AnyOf(words);
            Assert.Equal(direct.Search(query, 10), kept.Search(query, 10));
            Assert.Equal(direct.SearchQuestions(query, 10), kept.SearchQuestions(query, 10));
        }
    }

    [Fact]
    public void Search_KeptPostingsOverTheLimit_KeepTheBestRows()
    {
        using var kept = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default);
        using var direct = SqliteSearchIndex.Build(Passages, [], SearchWeights.Default, keepPostings: false);
        var query = FtsQuery.AnyOf([["images"], ["grooming"], ["sextortion"]]);

        Assert.Equal(direct.Search(query, 2), kept.Search(query, 2));
        Assert.Equal(2, kept.Search(query, 2).Count);
    }
}
