using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Search;
using BotHost.Knowledge.Semantics;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Search;

public sealed class OnTopicModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-on-topic-").FullName;
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public void Build_SameQuestionsAndExamplesAgain_ReadsTheFittedModelBackWithTheSameLogOdds()
    {
        var snapshot = KnowledgeLoader.Load(RepositoryPaths.Knowledge, new DateOnly(2026, 12, 7)).Snapshot!;
        using var embedder = new KnowledgeEmbedder(new StandInEncoder(), VectorCache.Open(Path.Combine(_folder, "vectors.db"), _time), _time);
        var cache = TrainedModelCache.Beside(embedder.CachePath, _time);
        string[] probes = ["someone is threatening to post my pics", "how do i set up roles", "what is grooming"];

        var fitted = OnTopicModel.Build(snapshot, embedder, snapshot.Everyday, cache)!;
        var readBack = OnTopicModel.Build(snapshot, embedder, snapshot.Everyday, cache)!;
        var otherExamples = OnTopicModel.Build(snapshot, embedder, snapshot.Everyday.Skip(1).ToList(), cache)!;

        Assert.False(fitted.FromCache);
        Assert.True(readBack.FromCache);
        Assert.False(otherExamples.FromCache);
        foreach (var probe in probes)
        {
            var vector = StandInEncoder.Vector(probe);
            Assert.Equal(fitted.LogOdds(vector), readBack.LogOdds(vector));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A fast deterministic stand-in model: 8 dimensions from the text's letters, unit length.</summary>
    private sealed class StandInEncoder : ISentenceEncoder
    {
        public string ModelId => "stand-in@0000";

        public int Dimensions => 8;

        public static float[] Vector(string text)
        {
            var vector = new float[8];
            for (var i = 0; i < text.Length; i++) vector[(text[i] + i) % 8] += 1 + (text[i] % 5);
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return [.. vector.Select(v => norm == 0 ? 0 : v / norm)];
        }

        public float[] Encode(string text, EmbeddingKind kind) => Vector(text);

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind) => [.. texts.Select(Vector)];
    }
}
