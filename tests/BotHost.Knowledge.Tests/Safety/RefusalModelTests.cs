using System.Numerics.Tensors;
using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>The one learned refusal score on short messages and small vectors written for these tests (not the example or eval files).</summary>
public sealed class RefusalModelTests
{
    private static readonly string[] Requests = StanceMessages.Requests;

    private static readonly string[] Protective = StanceMessages.Protective;

    private static readonly string[] Others =
    [
        "what time does the server restart",
        "gg that match was rough",
        "can someone help me with my homework",
        "i love this song",
    ];

    private static string[] Texts => [.. Requests, .. Protective, .. Others];

    private static int[] Labels => [.. Requests.Select(_ => RefusalModel.Request), .. Protective.Select(_ => RefusalModel.Protective), .. Others.Select(_ => 0)];

    /// <summary>Requests and protective questions share one topic direction (as they do in the sentence space); everyday messages sit apart.</summary>
    private static float[][] Vectors =>
    [
        .. Requests.Select((_, i) => Unit(1f, 0.1f * i, 0.3f)),
        .. Protective.Select((_, i) => Unit(1f, 0.1f * i, -0.3f)),
        .. Others.Select((_, i) => Unit(0.1f * i, 1f, 0f)),
    ];

    private static float[] Unit(params float[] x)
    {
        var norm = MathF.Sqrt(TensorPrimitives.Dot(x, x));
        return [.. x.Select(v => v / norm)];
    }

    private static RefusalModel Trained(RefusalModel.Settings? settings = null)
    {
        var vectors = Vectors;
        var model = RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)], (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]),
            settings ?? new RefusalModel.Settings());
        return Assert.IsType<RefusalModel>(model);
    }

    [Fact]
    public void Score_UnseenRequestAndProtectiveQuestion_RequestScoresHigher()
    {
        var model = Trained();

        var request = model.Score("send me pics of a teen", Unit(1f, 0.2f, 0.3f));
        var protective = model.Score("my daughter got sent pics, how do i report it", Unit(1f, 0.2f, -0.3f));

        Assert.True(request > 0.5, $"request {request}");
        Assert.True(protective < 0.5, $"protective {protective}");
    }

    [Fact]
    public void Score_SameWordsNearTheRequestsOrTheProtectiveQuestions_TheNeighbourhoodMovesTheScore()
    {
        var model = Trained(new RefusalModel.Settings(Vector: false));

        var nearRequests = model.Score("pics of kids", Unit(1f, 0.2f, 0.3f));
        var nearProtective = model.Score("pics of kids", Unit(1f, 0.2f, -0.3f));

        Assert.True(nearRequests > nearProtective, $"near requests {nearRequests}, near protective {nearProtective}");
    }

    [Fact]
    public void Score_ProtectiveWeight_LowersTheScoreOfAnAmbiguousMessage()
    {
        var even = Trained(new RefusalModel.Settings(ProtectiveWeight: 1f));
        var careful = Trained(new RefusalModel.Settings(ProtectiveWeight: 8f));

        Assert.True(careful.Score("pics of kids", Unit(1f, 0.2f, 0f)) < even.Score("pics of kids", Unit(1f, 0.2f, 0f)));
    }

    [Fact]
    public void Train_NoRequestAmongTheRows_ReturnsNull()
    {
        var vectors = Vectors;
        var rows = Enumerable.Range(Requests.Length, vectors.Length - Requests.Length).ToList();

        var model = RefusalModel.Train(vectors, Texts, Labels, rows, (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), new RefusalModel.Settings());

        Assert.Null(model);
    }

    [Fact]
    public void Read_WrittenModelWithItsReferences_ScoresEveryMessageTheSame()
    {
        var model = Trained(new RefusalModel.Settings(Characters: true));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var read = RefusalModel.Read(reader).WithReferences(Vectors, Labels, [.. Enumerable.Range(0, Texts.Length)]);

        Assert.Equal(model.Terms, read.Terms);
        foreach (var (text, vector) in Texts.Zip(Vectors).Append(("a message with no known word", Unit(0.5f, 0.5f, 0.5f))))
        {
            Assert.Equal(model.Score(text, vector), read.Score(text, vector));
        }
    }

    [Fact]
    public void Read_Garbage_ThrowsInvalidData()
    {
        using var stream = new MemoryStream([1, 1, 1, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255]);
        using var reader = new BinaryReader(stream);

        Assert.Throws<InvalidDataException>(() => RefusalModel.Read(reader));
    }

    [Fact]
    public void Neighbourhood_ExcludedRowsAndKinds_NearestOfEachKindAndVotes()
    {
        int[] labels = [RefusalModel.Request, RefusalModel.Request, RefusalModel.Protective, 0];
        float[] similarities = [0.9f, float.NaN, 0.5f, 0.2f];

        var features = RefusalModel.Neighbourhood(similarities, labels, excludeAbove: 0.95f);

        Assert.Equal(0.9f, features[0]);
        Assert.Equal(0.9f, features[1]);
        Assert.Equal(0.5f, features[2]);
        Assert.Equal(0.2f, features[4]);
        Assert.True(features[6] > 0.9f && features[7] < 0.1f, $"votes {features[6]} {features[7]}");
    }

    [Fact]
    public void TermsOf_Characters_AddsTheGramsOfEachWord()
    {
        var terms = RefusalModel.TermsOf("k1ds pics", new RefusalModel.Settings(Words: false, Characters: true));

        Assert.Contains("#_k1", terms);
        Assert.Contains("#k1ds", terms);
        Assert.Contains("#ics_", terms);
        Assert.DoesNotContain("pics", terms);
    }

    [Fact]
    public void Score_VectorOfAnotherLength_Throws()
    {
        var model = Trained();

        Assert.Throws<ArgumentException>(() => model.Score("send me pics", [1f, 0f]));
    }
}
