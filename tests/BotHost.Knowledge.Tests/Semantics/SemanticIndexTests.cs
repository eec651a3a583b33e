using System.Numerics.Tensors;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Search;
using BotHost.Knowledge.Semantics;
using BotHost.Testing;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary>
/// The semantic scores as the ranking reads them (the nearest articles through the 16-bit pass, each article's cosines
/// when asked) against the comparison of the question with every text in float that the index did before: the same
/// articles in the same order, the same numbers.
/// </summary>
[Collection(SemanticsTests.Collection)]
public sealed class SemanticIndexTests(SemanticsFixture fixture)
{
    [Fact]
    public void Nearest_ShippedKnowledgeEvalQuestions_SameArticlesAndCosinesAsComparingEveryText()
    {
        var snapshot = fixture.Shipped.Snapshot;
        var index = SemanticIndex.Build(snapshot, fixture.Embedder, [.. snapshot.OffTopic, .. snapshot.Everyday]);
        var file = Path.Combine(RepositoryPaths.Knowledge, "eval", "questions.tsv");
        var (cases, _) = EvalSetReader.Read(file, File.ReadAllText(file));

        foreach (var question in cases.Take(150).Select(c => c.Question))
        {
            AssertSameAsEveryText(index, fixture.Embedder.Message(question).Vector);
        }
    }

    /// <summary>
    /// Many articles whose texts all lie close together (cosines within a few hundredths, where the 16-bit bounds overlap
    /// most), some sharing a text with another article (equal cosines: the lower article first), and questions near them.
    /// </summary>
    [Fact]
    public void Nearest_ManyCloseArticlesWithTies_SameArticlesAndCosinesAsComparingEveryText()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var snapshot = Generated(1_500);
        var index = SemanticIndex.Build(snapshot, embedder, ["hello there", "how do i set up a minecraft server", "what is for dinner"]);
        var random = new Random(7);

        for (var q = 0; q < 40; q++)
        {
            var question = q % 4 == 0 ? snapshot.Articles[random.Next(snapshot.Articles.Count)].Questions[0] : $"question {random.Next()}";
            AssertSameAsEveryText(index, embedder.Encoder.Encode(question, EmbeddingKind.Query));
        }
    }

    [Fact]
    public void Score_IndexWithoutEverydayExamples_HasNoEverydayAndZeroCosines()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var index = SemanticIndex.Build(Generated(5), embedder, []);

        var scores = index.Score(embedder.Encoder.Encode("anything", EmbeddingKind.Query));

        Assert.False(scores.HasEveryday);
        Assert.Equal(0, scores.Everyday);
        Assert.Equal(0, scores.EverydayNeighbours);
        Assert.Equal(5, scores.Nearest(_ => true, 20).Count);
    }

    [Fact]
    public void Of_OneOfAnArticlesQuestions_ClassifierFindsThatArticleLikeliest()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var index = SemanticIndex.Build(Generated(5), embedder, []);

        var scores = index.Score(embedder.Encoder.Encode("another question of 3", EmbeddingKind.Query));

        var logs = Enumerable.Range(0, 5).Select(a => scores.Of(a).ClassLogProbability).ToList();
        Assert.Equal(3, logs.IndexOf(logs.Max()));
        Assert.All(logs, l => Assert.True(l < 0));
    }

    [Fact]
    public void Of_ClassifierSwitchedOff_NoClassLogProbability()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var index = SemanticIndex.Build(Generated(5), embedder, [], classifier: false);

        var scores = index.Score(embedder.Encoder.Encode("another question of 3", EmbeddingKind.Query));

        Assert.All(Enumerable.Range(0, 5), a => Assert.Equal(0, scores.Of(a).ClassLogProbability));
    }

    [Fact]
    public void Of_MoreArticlesThanTheClassifierTakes_NoClassLogProbability()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var index = SemanticIndex.Build(Generated(SemanticIndex.MaxClassifierArticles + 1), embedder, []);

        var scores = index.Score(embedder.Encoder.Encode("another question of 3", EmbeddingKind.Query));

        Assert.Equal(0, scores.Of(3).ClassLogProbability);
    }

    [Fact]
    public void Score_VectorOfOtherLength_Throws()
    {
        using var embedder = new KnowledgeEmbedder(new ClusteredEncoder(), cache: null, TimeProvider.System);
        var index = SemanticIndex.Build(Generated(2), embedder, []);

        Assert.Throws<ArgumentException>(() => index.Score(new float[ClusteredEncoder.Size + 1]));
    }

    private static void AssertSameAsEveryText(SemanticIndex index, ReadOnlySpan<float> query)
    {
        var expected = EveryText(index, query);
        var scores = index.Score(query);
        Assert.Equal(expected.Everyday, scores.Everyday);
        Assert.Equal(expected.Neighbours, scores.EverydayNeighbours);
        Func<int, bool> all = _ => true;
        Func<int, bool> some = a => a % 3 != 1;
        foreach (var (include, count) in new[] { (all, 20), (some, 20), (all, 1), (some, 7) })
        {
            var nearest = Enumerable.Range(0, index.ArticleCount).Where(include).OrderByDescending(a => expected.Best[a]).ThenBy(a => a).Take(count);
            Assert.Equal(nearest, scores.Nearest(include, count));
        }

        for (var a = 0; a < index.ArticleCount; a++)
        {
            var cosines = scores.Of(a);
            Assert.Equal(expected.Best[a], cosines.Best);
            Assert.Equal(expected.Questions[a], cosines.Question);
            Assert.Equal(expected.Documents[a], cosines.Document);
            Assert.Equal(expected.TopMeans[a], cosines.TopMean);
            Assert.Equal(expected.Centroids[a], cosines.Centroid);
            Assert.Equal(expected.Sections[a], cosines.Sections);
            Assert.Equal(expected.Headings[a], cosines.Headings);
        }
    }

    /// <summary>What the index computed for every article before the 16-bit pass: one float comparison with every text, in build order.</summary>
    private static Reference EveryText(SemanticIndex index, ReadOnlySpan<float> query)
    {
        var dimensions = query.Length;
        var articles = index.ArticleCount;
        var sectionCounts = new int[articles];
        for (var i = 0; i < index.Count; i++)
        {
            if (index.Owners[i] >= 0 && index.Places[i] >= 0 && index.Places[i] < 1 << 20) sectionCounts[index.Owners[i]]++;
        }

        var reference = new Reference(articles, sectionCounts);
        var top = Enumerable.Range(0, articles).Select(_ => new List<double>()).ToArray();
        var everyday = new List<double>();
        for (var i = 0; i < index.Count; i++)
        {
            double cosine = TensorPrimitives.Dot(query, index.Vectors.Slice(i * dimensions, dimensions));
            var (article, place) = (index.Owners[i], index.Places[i]);
            if (article < 0)
            {
                everyday.Add(cosine);
                continue;
            }

            if (place >= 1 << 20)
            {
                reference.Headings[article][place - (1 << 20)] = cosine;
                continue;
            }

            reference.Best[article] = Math.Max(reference.Best[article], cosine);
            if (place == -2) reference.Questions[article] = Math.Max(reference.Questions[article], cosine);
            else reference.Documents[article] = Math.Max(reference.Documents[article], cosine);
            if (place >= 0) reference.Sections[article][place] = cosine;
            top[article].Add(cosine);
        }

        for (var a = 0; a < articles; a++)
        {
            var best = top[a].OrderDescending().Take(SemanticIndex.TopTexts).ToList();
            var sum = 0.0;
            foreach (var c in best) sum += c;
            reference.TopMeans[a] = best.Count == 0 ? -1 : sum / best.Count;
            reference.Centroids[a] = TensorPrimitives.Dot(query, index.QuestionCentroids.Slice(a * dimensions, dimensions));
        }

        var nearest = everyday.OrderDescending().Take(SemanticIndex.EverydayNeighbourCount).ToList();
        var neighbours = 0.0;
        foreach (var c in nearest) neighbours += c;
        reference.Everyday = Math.Max(0, everyday.Count == 0 ? -1 : everyday.Max());
        reference.Neighbours = nearest.Count == 0 ? 0 : Math.Max(0, neighbours / nearest.Count);
        return reference;
    }

    private static KnowledgeSnapshot Generated(int count)
    {
        var articles = Enumerable.Range(0, count).Select(i => new Article
        {
            Id = $"generated-{i}",
            Title = $"title {i}",
            Summary = $"summary {i}",

            // every seventh article shares its first question with the one before (equal cosines)
            Questions = [i % 7 == 6 ? $"question of {i - 1}" : $"question of {i}", $"another question of {i}"],
            Tags = [],
            Audiences = [Audience.All],
            Regions = ["INTL"],
            HotlineIds = [],
            Sensitive = false,
            Sources = [new ArticleSource("Generated", "Test", new Uri("https://example.org"), null)],
            Reviewed = new DateOnly(2026, 11, 1),
            ReviewedBy = "test",
            ReviewBy = new DateOnly(2027, 5, 1),
            Sections = [.. Enumerable.Range(0, 1 + (i % 4)).Select(s => new ArticleSection($"Section {s}", $"section-{s}", $"text {s} of {i}", s))],
            Path = $"articles/generated-{i}.md",
        }).ToList();
        return new KnowledgeSnapshot(articles, new HotlineDirectory([]), SynonymSet.Empty, "generated");
    }

    private sealed class Reference(int articles, int[] sectionCounts)
    {
        public double[] Best { get; } = Enumerable.Repeat(-1.0, articles).ToArray();

        public double[] Questions { get; } = Enumerable.Repeat(-1.0, articles).ToArray();

        public double[] Documents { get; } = Enumerable.Repeat(-1.0, articles).ToArray();

        public double[] TopMeans { get; } = new double[articles];

        public double[] Centroids { get; } = new double[articles];

        public double[][] Sections { get; } = [.. sectionCounts.Select(n => new double[n])];

        public double[][] Headings { get; } = [.. sectionCounts.Select(n => new double[n])];

        public double Everyday { get; set; }

        public double Neighbours { get; set; }
    }

    /// <summary>
    /// A stand-in model whose vectors all lie near one direction (unit length; pairwise cosines about 0.9, a few hundredths
    /// apart), made from a hash of the text, so equal texts get equal vectors.
    /// </summary>
    private sealed class ClusteredEncoder : ISentenceEncoder
    {
        public const int Size = 384;

        public string ModelId => "clustered@0000";

        public int Dimensions => Size;

        public float[] Encode(string text, EmbeddingKind kind)
        {
            var random = new Random(text.Aggregate((int)kind, (hash, c) => unchecked((hash * 31) + c)));
            var centre = new Random(1);
            var vector = new float[Size];
            for (var i = 0; i < Size; i++) vector[i] = (float)((centre.NextDouble() - 0.5) + (0.2 * (random.NextDouble() - 0.5)));
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            return vector;
        }

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind) => [.. texts.Select(t => Encode(t, kind))];
    }
}
