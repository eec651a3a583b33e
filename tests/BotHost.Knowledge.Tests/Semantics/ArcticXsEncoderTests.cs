using BotHost.Knowledge.Semantics;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

[Collection(SemanticsTests.Collection)]
public sealed class ArcticXsEncoderTests(SemanticsFixture fixture)
{
    private ISentenceEncoder Encoder => fixture.Encoder;

    [Fact]
    public void Shipped_LoadedWithTheEncoder_UsesTheSharedOne()
    {
        var knowledge = fixture.Shipped;

        Assert.Same(fixture.Embedder, knowledge.Embedder);
    }

    [Fact]
    public void Encode_AnyText_ReturnsAUnitVectorOf384Dimensions()
    {
        var vector = Encoder.Encode("someone is threatening to post my pics", EmbeddingKind.Query);

        Assert.Equal(384, vector.Length);
        Assert.Equal(1f, MathF.Sqrt(VectorMath.Dot(vector, vector)), 4);
    }

    [Fact]
    public void ModelId_NamesTheModelAndItsHash()
    {
        Assert.StartsWith("snowflake-arctic-embed-xs@", Encoder.ModelId, StringComparison.Ordinal);
        Assert.Equal(384, Encoder.Dimensions);
    }

    [Fact]
    public void Encode_SameMeaningInOtherWords_IsCloserThanAnUnrelatedMessage()
    {
        var message = Encoder.Encode("i want to end my life", EmbeddingKind.Query);
        var paraphrase = Encoder.Encode("i dont want to be alive anymore", EmbeddingKind.Query);
        var unrelated = Encoder.Encode("how do i bake banana bread", EmbeddingKind.Query);

        Assert.True(VectorMath.Dot(message, paraphrase) > VectorMath.Dot(message, unrelated) + 0.1f);
    }

    [Fact]
    public void Encode_QueryAndDocument_DifferByTheModelCardsPrefix()
    {
        var query = Encoder.Encode("what is sextortion", EmbeddingKind.Query);
        var document = Encoder.Encode("what is sextortion", EmbeddingKind.Document);
        var prefixed = Encoder.Encode(ArcticXsEncoder.QueryPrefix + "what is sextortion", EmbeddingKind.Document);

        Assert.True(VectorMath.Dot(query, document) < 0.999f);
        Assert.Equal(1f, VectorMath.Dot(query, prefixed), 4);
    }

    [Fact]
    public void Encode_ABatchOfTextsOfManyLengths_EqualsEachTextAlone()
    {
        string[] texts = ["hi", "my stepdad hits me when he drinks and i am scared to go home tonight", "", "what is grooming?"];

        var batch = Encoder.Encode(texts, EmbeddingKind.Query);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = Encoder.Encode(texts[i], EmbeddingKind.Query);
            Assert.Equal(1f, VectorMath.Dot(batch[i], alone), 4);
        }
    }

    [Fact]
    public void Encode_FromManyThreadsAtOnce_GivesTheSameVectorsAsOneThread()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"message number {i} about staying safe online").ToArray();
        var expected = texts.Select(t => Encoder.Encode(t, EmbeddingKind.Query)).ToArray();

        var actual = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Encoder.Encode(texts[i], EmbeddingKind.Query));

        for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void Encode_BatchesRunSideBySideOnFourThreads_EqualEachTextAlone()
    {
        // 100 texts of many lengths: four batches of 32, embedded at once by an encoder allowed four threads at load.
        var texts = Enumerable.Range(0, 100).Select(i => $"question {i} about {string.Join(' ', Enumerable.Repeat("staying safe online", 1 + (i % 9)))}").ToArray();
        using var parallel = ArcticXsEncoder.Load(new SentenceEncoderOptions { LoadThreads = 4 });

        var batch = parallel.Encode(texts, EmbeddingKind.Document);

        for (var i = 0; i < texts.Length; i++) Assert.Equal(1f, VectorMath.Dot(batch[i], Encoder.Encode(texts[i], EmbeddingKind.Document)), 4);
    }

    [Fact]
    public void Load_NoThreadForKnowledgeTexts_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArcticXsEncoder.Load(new SentenceEncoderOptions { LoadThreads = 0 }));
    }

    [Fact]
    public void Encode_TextLongerThanTheModelReads_IsCutNotRejected()
    {
        var longText = string.Join(' ', Enumerable.Repeat("please help me i am scared", 400));

        var vector = Encoder.Encode(longText, EmbeddingKind.Query);

        Assert.Equal(1f, MathF.Sqrt(VectorMath.Dot(vector, vector)), 4);
    }

    [Fact]
    public void Load_FolderWithoutTheModel_ThrowsNamingTheMissingFile()
    {
        var empty = Directory.CreateTempSubdirectory("bothost-model-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => ArcticXsEncoder.Load(new SentenceEncoderOptions { ModelDirectory = empty }));

            Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
