using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class LuceneSearchIndexTests
{
    private static readonly IndexedPassage[] Passages =
    [
        new("Sextortion", "someone threatens to share my nudes", "sextortion blackmail", "Threats to share images.", "What it is", "Sextortion is a crime."),
        new("Grooming", "is someone grooming my child", "grooming", "Signs of grooming.", "Signs", "Adults who give gifts and ask for secrets."),
        new("Reporting", "how to report images", "report", "Where to report.", "Where", "Report images to the national hotline."),
    ];

    [Fact]
    public void Search_StemmedWordInQuestionsField_FindsThatPassageFirst()
    {
        using var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);

        var hits = index.Search(LexicalQuery.AnyOf([["threatening"]]), 10);

        Assert.Equal(0, hits[0].Passage);
        Assert.True(hits[0].Score > 0);
    }

    [Fact]
    public void Search_PhraseOfTwoWords_MatchesOnlyWhereTheyAreAdjacent()
    {
        IndexedPassage[] passages =
        [
            new("One", "", "", "", "", "images that are intimate"),
            new("Two", "", "", "", "", "intimate images shared"),
        ];
        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Default);

        var hits = index.Search(LexicalQuery.AnyOf([["intimate", "images"]]), 10);

        Assert.Equal([1], hits.Select(h => h.Passage));
    }

    [Fact]
    public void Search_PhraseTwiceInOneText_ScoresAboveOnce()
    {
        IndexedPassage[] passages =
        [
            new("One", "", "", "", "", "intimate images here and intimate pictures there"),
            new("Two", "", "", "", "", "intimate images here and intimate images there"),
        ];
        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Default);

        var hits = index.Search(LexicalQuery.AnyOf([["intimate", "images"]]), 10);

        Assert.Equal([1, 0], hits.Select(h => h.Passage));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Search_ThreeWordPhrase_MatchesOnlyTheWordsInThatOrder()
    {
        IndexedPassage[] passages =
        [
            new("One", "", "", "", "", "report to police now"),
            new("Two", "", "", "", "", "police report to now"),
            new("Three", "", "", "", "", "report police to now"),
        ];
        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Default);

        var hits = index.Search(LexicalQuery.AnyOf([["report", "to", "police"]]), 10);

        Assert.Equal([0], hits.Select(h => h.Passage));
    }

    [Fact]
    public void Search_OneQuestionAfterAnother_EachScoredAsIfAskedAlone()
    {
        using var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);
        using var fresh = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);
        var first = LexicalQuery.AnyOf([["sextortion"], ["images"], ["share", "images"]]);
        var second = LexicalQuery.AnyOf([["grooming"], ["report"]]);

        index.Search(first, 10);
        var after = index.Search(second, 10);
        var alone = fresh.Search(second, 10);

        Assert.Equal(alone, after);
    }

    [Fact]
    public void Search_HeavierWeightOnTitle_RanksTitleMatchAboveBodyMatch()
    {
        IndexedPassage[] passages =
        [
            new("Other", "", "", "", "", "This body mentions grooming once among many other words here."),
            new("Grooming", "", "", "", "", "Something else entirely is written in this body text here."),
        ];
        using var index = LuceneSearchIndex.Build(passages, [], new SearchWeights(Title: 10, Questions: 1, Tags: 1, Summary: 1, Heading: 1, Body: 1));

        var hits = index.Search(LexicalQuery.AnyOf([["grooming"]]), 10);

        Assert.Equal([1, 0], hits.Select(h => h.Passage));
    }

    [Fact]
    public void SearchQuestions_EachQuestionIsItsOwnDocument_BestQuestionFirst()
    {
        using var index = LuceneSearchIndex.Build(Passages, ["how do i report images", "what is grooming", "report it"], SearchWeights.Default);

        var hits = index.SearchQuestions(LexicalQuery.AnyOf([["grooming"]]), 10);

        Assert.Equal([1], hits.Select(h => h.Passage));
        Assert.Equal(3, index.QuestionCount);
    }

    [Fact]
    public void Vocabulary_CountsPassagesPerStem_OverEveryField()
    {
        using var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);

        Assert.Equal(2, index.Vocabulary["imag"]);
        Assert.Equal(1, index.Vocabulary["sextort"]);
        Assert.False(index.Vocabulary.ContainsKey("images"));
    }

    /// <summary>
    /// The vocabulary as the index had it when every passage's fields were indexed a second time as one text: each
    /// term of any field, with the number of passages it occurs in, in term order. Generated passages whose articles'
    /// fields repeat across sections and share words between fields.
    /// </summary>
    [Fact]
    public void Vocabulary_ManyPassages_EveryTermOfAnyFieldWithThePassagesItIsIn()
    {
        var random = new Random(5);
        string[] words = ["report", "reporting", "images", "image", "nudes", "threat", "threatens", "café", "cafe\u0301", "2024", "safe", "safety", "help"];
        string Text(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        var passages = Enumerable.Range(0, 300).Select(i => new IndexedPassage(Text(2), Text(random.Next(6)), Text(1), Text(4), Text(2), Text(random.Next(20)))).ToList();
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in passages)
        {
            foreach (var term in LuceneAnalysis.Terms(string.Join('\n', p.Title, p.Questions, p.Tags, p.Summary, p.Heading, p.Body)).Distinct())
            {
                expected[term] = expected.GetValueOrDefault(term) + 1;
            }
        }

        using var index = LuceneSearchIndex.Build(passages, [], SearchWeights.Default);

        Assert.Equal(expected.ToList(), index.Vocabulary.ToList());
    }

    [Fact]
    public void Search_Limit_KeepsOnlyTheBestHits()
    {
        using var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);

        Assert.Single(index.Search(LexicalQuery.AnyOf([["images"], ["grooming"], ["sextortion"]]), 1));
        Assert.Empty(index.Search(LexicalQuery.AnyOf([["nothinglikethis"]]), 10));
    }

    [Fact]
    public void Search_AfterDispose_Throws()
    {
        var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(LexicalQuery.AnyOf([["images"]]), 10));
    }
}
