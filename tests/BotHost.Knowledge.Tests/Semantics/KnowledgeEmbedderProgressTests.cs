using BotHost.Knowledge.Semantics;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary><see cref="KnowledgeEmbedder.WithProgress"/>: reports as texts are embedded, same vectors, shared cache.</summary>
[Collection(SemanticsTests.Collection)]
public sealed class KnowledgeEmbedderProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-progress-").FullName;
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EmbedKnowledge_WithProgressOverTwoCalls_ReportsEachStepCumulativelyAndTheSameVectors()
    {
        var texts = Enumerable.Range(0, 700).Select(i => $"text number {i} {new string('x', i % 37)}").ToArray();
        var reports = new List<EmbeddingProgress>();
        using var cache = VectorCache.Open(Path.Combine(_folder, "vectors.db"), _time);
        using var plain = new KnowledgeEmbedder(new StandInEncoder(), cache: null, _time);
        using var shown = new KnowledgeEmbedder(new StandInEncoder(), cache, _time).WithProgress(reports.Add);

        var first = shown.EmbedKnowledge(texts, EmbeddingKind.Document);
        var second = shown.EmbedKnowledge(texts[..100], EmbeddingKind.Query);

        Assert.Equal([new(512, 700), new(700, 700), new(800, 800)], reports);
        Assert.Equal(plain.EmbedKnowledge(texts, EmbeddingKind.Document), first);
        Assert.Equal(plain.EmbedKnowledge(texts[..100], EmbeddingKind.Query), second);
    }

    [Fact]
    public void Dispose_TheProgressCopy_LeavesTheCacheOpenForItsOwner()
    {
        var cache = VectorCache.Open(Path.Combine(_folder, "vectors.db"), _time);
        using var owner = new KnowledgeEmbedder(new StandInEncoder(), cache, _time); // disposes the cache

        owner.WithProgress(_ => { }).Dispose();
        var vectors = owner.EmbedKnowledge(["what is sextortion"], EmbeddingKind.Document);

        Assert.Single(vectors);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void EmbedKnowledge_ATextRepeated_EmbedsItOnceAndGivesEachPlaceItsOwnCopy()
    {
        var encoder = new StandInEncoder();
        using var cache = VectorCache.Open(Path.Combine(_folder, "vectors.db"), _time);
        using var embedder = new KnowledgeEmbedder(encoder, cache, _time);

        var vectors = embedder.EmbedKnowledge(["Where to get help", "What it is", "Where to get help", "Where to get help"], EmbeddingKind.Document);

        Assert.Equal(2, encoder.Embedded);
        Assert.Equal(2, cache.Count);
        Assert.Equal([17f, 1f], vectors[2]);
        Assert.Equal(vectors[0], vectors[3]);
        Assert.NotSame(vectors[0], vectors[2]);
        Assert.NotSame(vectors[2], vectors[3]);
    }

    /// <summary>A deterministic stand-in model: the vector is made of the text's length and kind.</summary>
    private sealed class StandInEncoder : ISentenceEncoder
    {
        public string ModelId => "stand-in@0000";

        public int Dimensions => 2;

        public float[] Encode(string text, EmbeddingKind kind) => [text.Length, (float)kind];

        /// <summary>Texts embedded so far.</summary>
        public int Embedded { get; private set; }

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
        {
            Embedded += texts.Count;
            return [.. texts.Select(t => Encode(t, kind))];
        }
    }
}
