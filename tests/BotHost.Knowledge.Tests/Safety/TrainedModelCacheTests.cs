using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Tests.Semantics;
using BotHost.Testing;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// The trained detectors kept between loads: a load with the same rows reads them back and scores exactly as a trained
/// one; changed rows, a damaged file or a file of another training are trained again. A part of the shipped examples
/// keeps the trainings short (their vectors are in the shared vector cache).
/// </summary>
[Collection(SemanticsTests.Collection)]
public sealed class TrainedModelCacheTests(SemanticsFixture fixture) : IDisposable
{
    private static readonly string[] Probes =
    [
        "nobody would even notice if i was gone",
        "how do i get a kid to send me pictures without their parents knowing",
        "what should i do if my son is being blackmailed over a photo",
        "gg that match was so bad lol",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-trained-").FullName;
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    private TrainedModelCache Cache => new(_folder, _time);

    /// <summary>Every fourth example of each file, a few off-topic questions and articles: both classes of both detectors.</summary>
    private SafetyExamples Examples(int skipRefusals = 0)
    {
        var shipped = fixture.Shipped.Snapshot.Examples;
        static List<SafetyExample> Part(IEnumerable<SafetyExample> rows) => [.. rows.Where((_, i) => i % 4 == 0)];
        return new SafetyExamples(Part(shipped.Urgent), Part(shipped.Normal), [.. Part(shipped.Refusal).Skip(skipRefusals)]);
    }

    private SemanticSafety Build(SafetyExamples examples, TrainedModelCache? cache, int articles = 6)
    {
        var snapshot = fixture.Shipped.Snapshot;
        return SemanticSafety.Build(examples, [.. snapshot.OffTopic.Take(40)], [.. snapshot.Articles.Take(articles)], fixture.Embedder, cache);
    }

    private SemanticTraining Training(SafetyExamples examples)
    {
        var snapshot = fixture.Shipped.Snapshot;
        return SemanticTraining.Prepare(examples, [.. snapshot.OffTopic.Take(40)], SemanticTraining.Answerable(snapshot.Articles.Take(6)), fixture.Embedder);
    }

    /// <summary>Per probe: the urgent verdict, the refusal kernel machine's and the one refusal score (which reads the stance and the pair machine).</summary>
    private static List<(double Urgent, string? Category, string? Nearest, double Refusal, string? RefusalNearest, double? Joint)> Scores(SemanticSafety safety) =>
        [.. Probes.Select(p => (safety.ScoreUrgent(p)!.Score, (string?)safety.ScoreUrgent(p)!.Label, safety.ScoreUrgent(p)!.Nearest?.Location,
            safety.ScoreRefusal(p)!.Score, safety.ScoreRefusal(p)!.Nearest?.Location, safety.ScoreRefusal(p)!.Joint))];

    private string[] Files => [.. Directory.EnumerateFiles(_folder, "*.bin")];

    [Fact]
    public void Build_SameRowsAgain_ReadsTheCacheAndScoresIdentically()
    {
        var examples = Examples();

        var trained = Build(examples, Cache);
        var cached = Build(examples, Cache);

        Assert.False(trained.UrgentFromCache);
        Assert.False(trained.RefusalFromCache);
        Assert.True(cached.FromCache);
        Assert.Equal(2, Files.Length);
        Assert.Equal(Scores(trained), Scores(cached));
    }

    [Fact]
    public void Build_ArticleQuestionsChanged_ReadsTheUrgentDetectorBackAndTrainsOnlyTheRefusalOnes()
    {
        var examples = Examples();
        Build(examples, Cache);

        var fewerArticles = Build(examples, Cache, articles: 5);

        Assert.True(fewerArticles.UrgentFromCache);
        Assert.False(fewerArticles.RefusalFromCache);
        Assert.Equal(3, Files.Length);
        Assert.Equal(Scores(Build(examples, null, articles: 5)), Scores(fewerArticles));
    }

    [Fact]
    public void Build_WithoutACache_TrainsTheSameDetectors()
    {
        var examples = Examples();

        var cached = Build(examples, Cache);
        var plain = Build(examples, null);

        Assert.False(plain.FromCache);
        Assert.Equal(Scores(plain), Scores(cached));
    }

    [Fact]
    public void Build_ChangedRows_TrainsAgainUnderANewKey()
    {
        Build(Examples(), Cache);

        var changed = Build(Examples(skipRefusals: 1), Cache);

        Assert.False(changed.UrgentFromCache); // a refusal example is a "not urgent" row of the urgent detector too
        Assert.False(changed.RefusalFromCache);
        Assert.Equal(4, Files.Length);
        Assert.Equal(Scores(Build(Examples(skipRefusals: 1), null)), Scores(changed));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public void Build_DamagedFile_IsIgnoredTrainedAgainAndRewritten(string damage)
    {
        var examples = Examples();
        var expected = Scores(Build(examples, Cache));
        Assert.Equal(2, Files.Length);
        foreach (var file in Files)
        {
            var bytes = File.ReadAllBytes(file);
            switch (damage)
            {
                case "flip":
                    bytes[bytes.Length / 2] ^= 0x40;
                    File.WriteAllBytes(file, bytes);
                    break;
                case "truncate":
                    File.WriteAllBytes(file, bytes[..(bytes.Length / 3)]);
                    break;
                default:
                    File.WriteAllText(file, "not a trained model");
                    break;
            }
        }

        var damaged = Build(examples, Cache);
        var again = Build(examples, Cache);

        Assert.False(damaged.UrgentFromCache);
        Assert.False(damaged.RefusalFromCache);
        Assert.Equal(expected, Scores(damaged));
        Assert.True(again.FromCache);
        Assert.Equal(expected, Scores(again));
    }

    [Fact]
    public void Build_FileOfAnotherTrainingUnderThisKey_IsIgnored()
    {
        var examples = Examples();
        var otherExamples = Examples(skipRefusals: 1);
        Build(otherExamples, Cache);
        var (other, training) = (Training(otherExamples), Training(examples));
        File.Copy(Cache.PathOf(other.UrgentKey()), Cache.PathOf(training.UrgentKey()));
        File.Copy(Cache.PathOf(other.RefusalKey()), Cache.PathOf(training.RefusalKey()));

        var built = Build(examples, Cache);

        Assert.False(built.UrgentFromCache);
        Assert.False(built.RefusalFromCache);
        Assert.Equal(Scores(Build(examples, null)), Scores(built));
    }

    [Fact]
    public void TryRead_WrittenPayload_ComesBackWhole()
    {
        byte[] key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] payload = [1, 2, 3, 4, 5];

        Assert.Null(Cache.TryRead(key));
        Assert.True(Cache.Write(key, payload));

        Assert.Equal(payload, Cache.TryRead(key));
    }

    [Fact]
    public void Write_FileUnusedForTheRetentionPeriod_IsRemoved()
    {
        byte[] old = [.. Enumerable.Repeat((byte)1, 32)];
        byte[] used = [.. Enumerable.Repeat((byte)2, 32)];
        byte[] fresh = [.. Enumerable.Repeat((byte)3, 32)];
        Cache.Write(old, [1]);
        Cache.Write(used, [2]);
        _time.Advance(TimeSpan.FromDays(TrainedModelCache.RetentionDays - 1));
        Assert.NotNull(Cache.TryRead(used));
        _time.Advance(TimeSpan.FromDays(2));

        Cache.Write(fresh, [3]);

        Assert.False(File.Exists(Cache.PathOf(old)));
        Assert.True(File.Exists(Cache.PathOf(used)));
        Assert.True(File.Exists(Cache.PathOf(fresh)));
    }

    /// <summary>Every fourth distress, calm and normal example: the distress detector's three classes.</summary>
    private SafetyExamples DistressExamples(int skipDistress = 0)
    {
        var shipped = fixture.Shipped.Snapshot.Examples;
        static List<SafetyExample> Part(IEnumerable<SafetyExample> rows) => [.. rows.Where((_, i) => i % 4 == 0)];
        return new SafetyExamples([], Part(shipped.Normal), []) { Distress = [.. Part(shipped.Distress).Skip(skipDistress)], Calm = Part(shipped.Calm) };
    }

    private static List<(double Score, string? Nearest)> DistressScores(DistressDetector detector) =>
        [.. Probes.Select(p => detector.Score(p)).Select(v => (v.Score, v.Nearest?.Location))];

    [Fact]
    public void BuildDistress_SameRowsAgain_ReadsTheCacheAndScoresIdentically()
    {
        var examples = DistressExamples();

        var trained = DistressDetector.Build(examples, fixture.Embedder, Cache)!;
        var cached = DistressDetector.Build(examples, fixture.Embedder, Cache)!;
        var plain = DistressDetector.Build(examples, fixture.Embedder, null)!;

        Assert.False(trained.FromCache);
        Assert.True(cached.FromCache);
        Assert.False(plain.FromCache);
        Assert.Single(Files);
        Assert.Equal(DistressScores(trained), DistressScores(cached));
        Assert.Equal(DistressScores(plain), DistressScores(cached));
    }

    [Fact]
    public void BuildDistress_ChangedRows_TrainsAgainUnderANewKey()
    {
        DistressDetector.Build(DistressExamples(), fixture.Embedder, Cache);

        var changed = DistressDetector.Build(DistressExamples(skipDistress: 1), fixture.Embedder, Cache)!;

        Assert.False(changed.FromCache);
        Assert.Equal(2, Files.Length);
        Assert.Equal(DistressScores(DistressDetector.Build(DistressExamples(skipDistress: 1), fixture.Embedder, null)!), DistressScores(changed));
    }

    [Fact]
    public void BuildDistress_FileOfAnotherDetectorUnderItsKey_IsIgnoredAndTrainedAgain()
    {
        var examples = DistressExamples();
        var key = DistressTraining.Prepare(examples, fixture.Embedder)!.Key(fixture.Embedder.Encoder.ModelId);
        Cache.Write(key, [1, 2, 3]);

        var built = DistressDetector.Build(examples, fixture.Embedder, Cache)!;
        var again = DistressDetector.Build(examples, fixture.Embedder, Cache)!;

        Assert.False(built.FromCache);
        Assert.True(again.FromCache);
        Assert.Equal(DistressScores(built), DistressScores(again));
    }

    [Fact]
    public void Beside_AVectorCacheFile_IsTheTrainedFolderNextToIt()
    {
        var cache = TrainedModelCache.Beside(Path.Combine(_folder, "vectors.db"), _time);

        Assert.Equal(Path.Combine(_folder, TrainedModelCache.FolderName), cache?.Folder);
        Assert.Null(TrainedModelCache.Beside(null, _time));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
