using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;
using BotHost.Testing;

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

        var hits = index.Search(FtsQuery.AnyOf([["threatening"]]), 10);

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

        var hits = index.Search(FtsQuery.AnyOf([["intimate", "images"]]), 10);

        Assert.Equal([1], hits.Select(h => h.Passage));
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

        var hits = index.Search(FtsQuery.AnyOf([["grooming"]]), 10);

        Assert.Equal([1, 0], hits.Select(h => h.Passage));
    }

    [Fact]
    public void SearchQuestions_EachQuestionIsItsOwnDocument_BestQuestionFirst()
    {
        using var index = LuceneSearchIndex.Build(Passages, ["how do i report images", "what is grooming", "report it"], SearchWeights.Default);

        var hits = index.SearchQuestions(FtsQuery.AnyOf([["grooming"]]), 10);

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

    [Fact]
    public void Search_Limit_KeepsOnlyTheBestHits()
    {
        using var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);

        Assert.Single(index.Search(FtsQuery.AnyOf([["images"], ["grooming"], ["sextortion"]]), 1));
        Assert.Empty(index.Search(FtsQuery.AnyOf([["nothinglikethis"]]), 10));
    }

    [Fact]
    public void Search_AfterDispose_Throws()
    {
        var index = LuceneSearchIndex.Build(Passages, [], SearchWeights.Default);
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(FtsQuery.AnyOf([["images"]]), 10));
    }

    /// <summary>
    /// The parity the move to Lucene.Net rests on: on the shipped articles and every word and word pair of the tuned
    /// eval questions, Lucene's postings scored as BM25F give the rows and scores of SQLite FTS5's weighted bm25.
    /// </summary>
    [Fact]
    public void Search_ShippedArticlesAndEvalQuestions_ScoresAsFts5Bm25Does()
    {
        var (snapshot, diagnostics) = KnowledgeLoader.Load(RepositoryPaths.Knowledge, new DateOnly(2026, 11, 22));
        Assert.True(snapshot is not null, string.Join('\n', diagnostics));
        var passages = snapshot.Articles.SelectMany(a => a.Sections.Select(s =>
            new IndexedPassage(a.Title, string.Join('\n', a.Questions), string.Join(' ', a.Tags), a.Summary, s.Heading, s.Text))).ToList();
        var questions = snapshot.Articles.SelectMany(a => a.Questions).Concat(snapshot.OffTopic).ToList();
        using var lucene = LuceneSearchIndex.Build(passages, questions, SearchWeights.Tuned);
        using var fts5 = SqliteSearchIndex.Build(passages, questions, SearchWeights.Tuned, budget: int.MaxValue, keepPostings: false);
        var asked = new[] { "questions.tsv", "dev-questions.tsv" }
            .Select(f => Path.Combine(RepositoryPaths.Knowledge, "eval", f))
            .SelectMany(f => EvalSetReader.Read(f, File.ReadAllText(f)).Cases)
            .Select(c => TextTokenizer.Tokenize(c.Question).Select(t => t.Text).ToList())
            .Where(words => words.Count > 0)
            .Select(words => FtsQuery.AnyOf(words.Select(w => (IReadOnlyList<string>)[w]).Concat(words.Zip(words.Skip(1), (a, b) => (IReadOnlyList<string>)[a, b]))))
            .ToList();

        Assert.True(asked.Count > 400);
        var phrases = asked.SelectMany(q => q.Phrases).Select(p => p.Text).Distinct().ToList();
        var differing = phrases.Where(p =>
        {
            var q = FtsQuery.AnyOf([[.. p.Trim('"').Split(' ')]]);
            var (a, b) = (fts5.Search(q, 1000), lucene.Search(q, 1000));
            return a.Count != b.Count || a.Zip(b).Any(x => Math.Abs(x.First.Score - x.Second.Score) > 1e-6 * Math.Max(1, x.First.Score));
        }).ToList();
        Assert.True(differing.Count == 0, "phrases scored differently: " + string.Join(", ", differing.Take(30)));
        foreach (var query in asked)
        {
            AssertSameHits(fts5.Search(query, 50), lucene.Search(query, 50), query);
            AssertSameHits(fts5.SearchQuestions(query, 50), lucene.SearchQuestions(query, 50), query);
        }
    }

    private static void AssertSameHits(IReadOnlyList<PassageHit> expected, IReadOnlyList<PassageHit> actual, FtsQuery query)
    {
        Assert.True(expected.Count == actual.Count, $"{query}: {expected.Count} hits in FTS5, {actual.Count} in Lucene");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].Score - actual[i].Score) <= 1e-6 * Math.Max(1, expected[i].Score),
                $"{query}: hit {i}: FTS5 {expected[i]}, Lucene {actual[i]}");
        }
    }
}
