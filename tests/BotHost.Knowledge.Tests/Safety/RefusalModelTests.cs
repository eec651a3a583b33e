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
        var read = BinaryRoundTrip.Of(model.Write, RefusalModel.Read).WithReferences(Vectors, Labels, [.. Enumerable.Range(0, Texts.Length)]);

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

    [Fact]
    public void ClassFeatures_TerseRequestWithAMinorsAge_MarksItsClassesAndTerse()
    {
        var features = RefusalModel.ClassFeatures("can i get 13yo pics");

        Assert.Equal(RefusalModel.ClassFeatureCount, features.Length);
        Assert.Equal(1f, features[0]);
        Assert.Equal(1f, features[5]);
        Assert.Equal(1f, features[11]);
        Assert.Equal(1f, features[13]);
        Assert.Equal(1f, features[^1]);
        Assert.Equal(0f, features[9]);
    }

    [Fact]
    public void ClassFeatures_LongProtectiveQuestion_NotTerseAndNoActorOnMinor()
    {
        var features = RefusalModel.ClassFeatures("my daughter got asked for pics by a man online, how do i report him");

        Assert.Equal(1f, features[1]);
        Assert.Equal(1f, features[9]);
        Assert.Equal(0f, features[13]);
        Assert.Equal(0f, features[^1]);
    }

    [Fact]
    public void WeighTerse_TerseRowsDoubled_EachKindKeepsItsTotal()
    {
        float[] weights = [0.25f, 0.25f, 0.1f, 0.1f, 0.05f];
        string[] texts = ["send pics", "how do i get a teen to send me pics without her mom knowing", "report pics", "my daughter got sent pics what should i do now", "gg"];
        int[] labels = [RefusalModel.Request, RefusalModel.Request, RefusalModel.Protective, RefusalModel.Protective, 0];

        RefusalModel.WeighTerse(weights, texts, labels, 2f);

        Assert.Equal(0.5f, weights[0] + weights[1], 5);
        Assert.Equal(2f, weights[0] / weights[1], 5);
        Assert.Equal(0.2f, weights[2] + weights[3], 5);
        Assert.Equal(2f, weights[2] / weights[3], 5);
        Assert.Equal(0.05f, weights[4], 5);
    }

    [Fact]
    public void Score_ProtectiveCue_LowersTheScoreOfTheSameScores()
    {
        var vectors = Vectors;
        var labels = Labels;
        float[][] scores = [.. labels.Select(l => RefusalModel.ScoreFeatures(l == 0 ? 0.1 : 0.8, l == RefusalModel.Request ? 0.7 : 0.4))];
        static bool Cue(string text) => text.Contains("report", StringComparison.Ordinal) || text.Contains("my ", StringComparison.Ordinal);
        var settings = new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Cue: true);
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), settings, scores, Cue));
        var same = RefusalModel.ScoreFeatures(0.8, 0.55);

        var cued = model.Score("how do i report pics of a teen", Unit(1f, 0.2f, 0f), same);
        var uncued = model.Score("where are pics of a teen", Unit(1f, 0.2f, 0f), same);

        Assert.True(cued < uncued, $"cued {cued}, uncued {uncued}");
    }

    [Fact]
    public void Train_CueWithoutTheScores_Throws()
    {
        var vectors = Vectors;

        Assert.Throws<ArgumentException>(() => RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), new RefusalModel.Settings(Cue: true), cue: _ => false));
    }

    [Fact]
    public void Read_WrittenModelReadingClassesCueAndMargin_ScoresEveryMessageTheSame()
    {
        var vectors = Vectors;
        var labels = Labels;
        float[][] scores = [.. labels.Select((l, i) => RefusalModel.ScoreFeatures(l == 0 ? 0.1 : 0.6 + (0.01 * i), l == RefusalModel.Request ? 0.7 : 0.3))];
        static bool Cue(string text) => text.Contains("report", StringComparison.Ordinal);
        var settings = new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Classes: true, Cue: true, Margin: true);
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), settings, scores, Cue));
        var read = BinaryRoundTrip.Of(model.Write, RefusalModel.Read).WithCue(Cue);

        Assert.True(read.ReadsCue);
        foreach (var (text, i) in Texts.Select((t, i) => (t, i)))
        {
            Assert.Equal(model.Score(text, vectors[i], scores[i]), read.Score(text, vectors[i], scores[i]));
        }
    }

    [Fact]
    public void ScoreFeatures_AView_AppendsItsLogOddsAfterTheTwoScores()
    {
        var two = RefusalModel.ScoreFeatures(0.8, 0.3);
        var three = RefusalModel.ScoreFeatures(0.8, 0.3, 0.9);

        Assert.Equal(RefusalModel.ScoreFeatureCount, two.Length);
        Assert.Equal(two, three[..RefusalModel.ScoreFeatureCount]);
        Assert.Equal(MathF.Log(0.9f / 0.1f) / 4f, three[^1], 4);
    }

    [Fact]
    public void Score_AViewThatSeparatesTheKinds_MovesTheScoreOfTheSameTwoScores()
    {
        var vectors = Vectors;
        var labels = Labels;
        // The kernel's and the stance's scores are the same for requests and protective questions: only the view tells them apart.
        float[][] scores = [.. labels.Select(l => RefusalModel.ScoreFeatures(l == 0 ? 0.1 : 0.8, l == 0 ? 0.2 : 0.6, l == RefusalModel.Request ? 0.9 : 0.1))];
        var settings = new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1);
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), settings, scores));

        var request = model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.8, 0.6, 0.9));
        var protective = model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.8, 0.6, 0.1));

        Assert.Equal(1, model.Views);
        Assert.True(request > 0.5 && protective < 0.5, $"request {request}, protective {protective}");
    }

    [Fact]
    public void Score_ModelReadingAViewGivenTheTwoScoresOnly_Throws()
    {
        var vectors = Vectors;
        float[][] scores = [.. Labels.Select(l => RefusalModel.ScoreFeatures(0.5, 0.5, l == RefusalModel.Request ? 0.9 : 0.1))];
        var settings = new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1);
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), settings, scores));

        Assert.Throws<ArgumentException>(() => model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.5, 0.5)));
    }

    [Fact]
    public void Read_WrittenModelReadingAView_ScoresEveryMessageTheSame()
    {
        var vectors = Vectors;
        var labels = Labels;
        float[][] scores = [.. labels.Select((l, i) => RefusalModel.ScoreFeatures(l == 0 ? 0.1 : 0.6, 0.5, l == RefusalModel.Request ? 0.7 + (0.01 * i) : 0.3))];
        var settings = new RefusalModel.Settings(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1, TerseWeight: 2f);
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), settings, scores));
        var read = BinaryRoundTrip.Of(model.Write, RefusalModel.Read);

        Assert.Equal(1, read.Views);
        foreach (var (text, i) in Texts.Select((t, i) => (t, i)))
        {
            Assert.Equal(model.Score(text, vectors[i], scores[i]), read.Score(text, vectors[i], scores[i]));
        }
    }

    private static RefusalModel.Settings FixedAverage => new(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1, KernelShare: 0.5f, ViewShare: 0.2f);

    private static double Logit(double p) => Math.Log(p / (1 - p));

    [Fact]
    public void Score_FixedAverageTrainedWithoutScores_IsTheSigmoidOfTheWeightedLogOdds()
    {
        var vectors = Vectors;

        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), FixedAverage));
        var score = model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.9, 0.2, 0.7));

        var expected = 1 / (1 + Math.Exp(-((0.5 * Logit(0.9)) + (0.3 * Logit(0.2)) + (0.2 * Logit(0.7)))));
        Assert.Equal(expected, score, 4);
        Assert.False(FixedAverage.LearnsFromScores);
        Assert.Equal(0.3f, FixedAverage.StanceShare, 5);
    }

    [Fact]
    public void Score_FixedAverage_TheSameForRowsOfEveryLabel()
    {
        var vectors = Vectors;
        // Scores that would teach a learned model to ignore the kernel's: a fixed average reads them as its shares say, whatever the rows.
        float[][] scores = [.. Labels.Select(l => RefusalModel.ScoreFeatures(0.5, l == RefusalModel.Request ? 0.9 : 0.1, 0.5))];
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), FixedAverage, scores));

        var kernelHigh = model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.99, 0.5, 0.5));
        var stanceHigh = model.Score("pics of kids", Unit(1f, 0.2f, 0f), RefusalModel.ScoreFeatures(0.5, 0.99, 0.5));

        Assert.True(kernelHigh > stanceHigh, $"kernel high {kernelHigh}, stance high {stanceHigh}");
    }

    [Fact]
    public void Train_FixedAverageReadingTheWords_Throws()
    {
        var vectors = Vectors;

        Assert.Throws<ArgumentException>(() => RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), FixedAverage with { Words = true }));
    }

    [Fact]
    public void Train_FixedAverageSharesAboveOne_Throws()
    {
        var vectors = Vectors;

        Assert.Throws<ArgumentException>(() => RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), FixedAverage with { KernelShare = 0.9f }));
    }

    [Fact]
    public void Read_WrittenFixedAverage_KeepsItsSharesAndScoresTheSame()
    {
        var vectors = Vectors;
        var model = Assert.IsType<RefusalModel>(RefusalModel.Train(vectors, Texts, Labels, [.. Enumerable.Range(0, vectors.Length)],
            (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]), FixedAverage));
        var read = BinaryRoundTrip.Of(model.Write, RefusalModel.Read);

        Assert.Equal(1, read.Views);
        Assert.Equal(FixedAverage.Name, read.Name);
        foreach (var (kernel, stance, pair) in new[] { (0.9, 0.2, 0.7), (0.1, 0.95, 0.5), (0.99, 0.99, 0.01) })
        {
            var features = RefusalModel.ScoreFeatures(kernel, stance, pair);
            Assert.Equal(model.Score("pics of kids", vectors[0], features), read.Score("pics of kids", vectors[0], features));
        }
    }
}
