using BotHost.Knowledge.Semantics;
using BotHost.Testing;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

[Collection(SemanticsTests.Collection)]
public sealed class VectorCacheTests : IDisposable
{
    private static readonly string[] Texts = ["what is sextortion", "how do i report csam", "signs of grooming"];

    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-vectors-").FullName;
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    private string CachePath => Path.Combine(_folder, "vectors.db");

    [Fact]
    public void GetOrEncode_SameTextsAgainFromANewProcess_EmbedsNothingAndReturnsTheSameVectors()
    {
        var first = new CountingEncoder(SharedEncoder.Encoder);
        IReadOnlyList<float[]> expected;
        using (var cache = VectorCache.Open(CachePath, _time)) expected = cache.GetOrEncode(first, Texts, EmbeddingKind.Document, _time);
        var second = new CountingEncoder(SharedEncoder.Encoder);

        using var reopened = VectorCache.Open(CachePath, _time);
        var actual = reopened.GetOrEncode(second, Texts, EmbeddingKind.Document, _time);

        Assert.Equal(3, first.Texts);
        Assert.Equal(0, second.Texts);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void GetOrEncode_OneNewText_EmbedsOnlyThatOne()
    {
        using var cache = VectorCache.Open(CachePath, _time);
        cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
        var counting = new CountingEncoder(SharedEncoder.Encoder);

        var vectors = cache.GetOrEncode(counting, [.. Texts, "what is a hotline"], EmbeddingKind.Document, _time);

        Assert.Equal(1, counting.Texts);
        Assert.Equal(SharedEncoder.Encoder.Encode("what is a hotline", EmbeddingKind.Document), vectors[3]);
    }

    [Fact]
    public void GetOrEncode_SparseDenseMissingAndRepeatedTextsOfALargerCache_EachGetsItsOwnVector()
    {
        var texts = Enumerable.Range(0, 300).Select(i => $"text {i}").ToArray();
        using var cache = VectorCache.Open(CachePath, _time);
        cache.GetOrEncode(new IndexEncoder(), texts, EmbeddingKind.Document, _time);
        // Every 50th text, a dense run, three the cache lacks, and repeats.
        string[] asked = [.. texts.Where((_, i) => i % 50 == 7), .. texts[100..140], "new 1", "new 2", "text 300", texts[120], texts[7], texts[7]];
        var encoder = new IndexEncoder();

        var vectors = cache.GetOrEncode(encoder, asked, EmbeddingKind.Document, _time);

        Assert.Equal(3, encoder.Embedded);
        for (var i = 0; i < asked.Length; i++) Assert.Equal(IndexEncoder.Vector(asked[i]), vectors[i]);
        Assert.NotSame(vectors[^1], vectors[^2]);
        Assert.Equal(303, cache.Count);
    }

    [Fact]
    public void GetOrEncode_AnotherKindOrModel_IsNotServedTheCachedVector()
    {
        using var cache = VectorCache.Open(CachePath, _time);
        cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
        var asQueries = new CountingEncoder(SharedEncoder.Encoder);
        var otherModel = new CountingEncoder(SharedEncoder.Encoder, modelId: "another-model@0000");

        cache.GetOrEncode(asQueries, Texts, EmbeddingKind.Query, _time);
        cache.GetOrEncode(otherModel, Texts, EmbeddingKind.Document, _time);

        Assert.Equal(3, asQueries.Texts);
        Assert.Equal(3, otherModel.Texts);
    }

    [Fact]
    public void Open_VectorsUnusedForLongerThanTheRetention_AreRemoved()
    {
        using (var cache = VectorCache.Open(CachePath, _time)) cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
        _time.Advance(TimeSpan.FromDays(VectorCache.RetentionDays - 1));
        using (var cache = VectorCache.Open(CachePath, _time)) cache.GetOrEncode(SharedEncoder.Encoder, Texts[..1], EmbeddingKind.Document, _time);
        _time.Advance(TimeSpan.FromDays(2));

        using var later = VectorCache.Open(CachePath, _time);

        Assert.Equal(1, later.Count);
    }

    [Fact]
    public void Open_TwoCachesOnOneFile_BothReadAndWrite()
    {
        using var one = VectorCache.Open(CachePath, _time);
        using var two = VectorCache.Open(CachePath, _time);

        one.GetOrEncode(SharedEncoder.Encoder, Texts[..2], EmbeddingKind.Document, _time);
        var counting = new CountingEncoder(SharedEncoder.Encoder);
        two.GetOrEncode(counting, Texts, EmbeddingKind.Document, _time);

        Assert.Equal(1, counting.Texts);
        Assert.Equal(3, one.Count);
    }

    [Fact]
    public void GetOrEncode_AnotherProcessHoldsTheWriteLock_ReturnsEveryVectorAndSkipsTheWrites()
    {
        IReadOnlyList<float[]> cached;
        using (var first = VectorCache.Open(CachePath, _time)) cached = first.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
        using var other = HoldWriteLock();
        var counting = new CountingEncoder(SharedEncoder.Encoder);

        using var cache = VectorCache.Open(CachePath, _time, TimeSpan.FromMilliseconds(50));
        var vectors = cache.GetOrEncode(counting, [.. Texts, "what is a hotline"], EmbeddingKind.Document, _time);

        Assert.Equal(1, counting.Texts);
        Assert.Equal(cached, vectors.Take(3));
        Assert.Equal(SharedEncoder.Encoder.Encode("what is a hotline", EmbeddingKind.Document), vectors[3]);
        Assert.Equal(2, cache.SkippedWrites); // the pruning at open and the new vector
    }

    [Fact]
    public void GetOrEncode_WriteLockReleased_TheSkippedVectorIsWrittenByTheNextLoad()
    {
        using var cache = VectorCache.Open(CachePath, _time, TimeSpan.FromMilliseconds(50));
        using (HoldWriteLock()) cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
        var again = new CountingEncoder(SharedEncoder.Encoder);
        var last = new CountingEncoder(SharedEncoder.Encoder);

        cache.GetOrEncode(again, Texts, EmbeddingKind.Document, _time);
        cache.GetOrEncode(last, Texts, EmbeddingKind.Document, _time);

        Assert.Equal(1, cache.SkippedWrites);
        Assert.Equal(3, again.Texts);
        Assert.Equal(0, last.Texts);
    }

    [Fact]
    public async Task CountSkippedWrites_AnotherFlowSkipsAtTheSameTime_EachCountsOnlyItsOwn()
    {
        using var cache = VectorCache.Open(CachePath, _time, TimeSpan.FromMilliseconds(50));
        using var other = HoldWriteLock();
        var elsewhere = Task.Run(() =>
        {
            using var count = VectorCache.CountSkippedWrites();
            cache.GetOrEncode(SharedEncoder.Encoder, ["what is a hotline"], EmbeddingKind.Document, _time);
            return count.Count;
        });

        long mine;
        using (var count = VectorCache.CountSkippedWrites())
        {
            cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
            mine = count.Count;
        }

        Assert.Equal(1, mine);
        Assert.Equal(1, await elsewhere);
        Assert.Equal(2, cache.SkippedWrites);
    }

    [Fact]
    public void CountSkippedWrites_NestedCountEnded_TheEnclosingCountKeepsCounting()
    {
        using var cache = VectorCache.Open(CachePath, _time, TimeSpan.FromMilliseconds(50));
        using var other = HoldWriteLock();
        using var outer = VectorCache.CountSkippedWrites();

        using (var inner = VectorCache.CountSkippedWrites())
        {
            cache.GetOrEncode(SharedEncoder.Encoder, Texts, EmbeddingKind.Document, _time);
            Assert.Equal(1, inner.Count);
        }

        cache.GetOrEncode(SharedEncoder.Encoder, ["what is a hotline"], EmbeddingKind.Document, _time);

        Assert.Equal(2, outer.Count);
    }

    /// <summary>Another process's open write transaction on the cache file (an uncommitted insert holds the lock).</summary>
    private Microsoft.Data.Sqlite.SqliteConnection HoldWriteLock()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={CachePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE; INSERT INTO vectors (key, vector, used) VALUES (x'00', x'00', 0);";
        command.ExecuteNonQuery();
        return connection;
    }

    [Fact]
    public void Open_AFileThatIsNotACache_Throws()
    {
        File.WriteAllText(CachePath, "not a database, just some text that is long enough to have a header");

        Assert.ThrowsAny<Exception>(() => VectorCache.Open(CachePath, _time));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A stand-in model whose vector is the number after the text's first space (and its length), so a wrong row shows.</summary>
    private sealed class IndexEncoder : ISentenceEncoder
    {
        public string ModelId => "index@0000";

        public int Dimensions => 2;

        /// <summary>Texts embedded so far.</summary>
        public int Embedded { get; private set; }

        public static float[] Vector(string text) => [float.Parse(text.AsSpan(text.IndexOf(' ') + 1), System.Globalization.CultureInfo.InvariantCulture), text.Length];

        public float[] Encode(string text, EmbeddingKind kind) => Vector(text);

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
        {
            Embedded += texts.Count;
            return [.. texts.Select(Vector)];
        }
    }
}
