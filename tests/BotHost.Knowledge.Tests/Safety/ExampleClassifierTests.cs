using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// The blend of <see cref="ExampleClassifier"/> (its linear model's share, which the urgent and distress detectors set
/// apart) and the margin over the nearest example of a class, on two clusters of unit vectors.
/// </summary>
public sealed class ExampleClassifierTests
{
    private static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    /// <summary>Twenty vectors near the first axis (class 0) and twenty near the second (class 1).</summary>
    private static ExampleClassifier Clusters()
    {
        var random = new Random(11);
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var label = 0; label < 2; label++)
        {
            for (var i = 0; i < 20; i++)
            {
                var v = new float[4];
                for (var j = 0; j < v.Length; j++) v[j] = (float)(random.NextDouble() - 0.5) * 0.4f;
                v[label] += 1;
                vectors.Add(Unit(v));
                labels.Add(label);
            }
        }

        return ExampleClassifier.Train(vectors, labels, [.. labels.Select((l, i) => new SafetyExample($"row {i}", l.ToString(System.Globalization.CultureInfo.InvariantCulture), "t.tsv", i + 1))], 2, [1f, 1f]);
    }

    [Fact]
    public void Score_ShareOfOne_IsTheLinearModelsProbabilities()
    {
        var classifier = Clusters();
        var vector = Unit(0.6f, 0.8f, 0, 0);

        var (model, _) = classifier.Parts(vector);

        Assert.Equal(model, classifier.Score(vector, 1f));
    }

    [Fact]
    public void Score_ShareBetween_BlendsTheModelAndTheVote()
    {
        var classifier = Clusters();
        var vector = Unit(0.7f, 0.7f, 0.1f, 0);
        var (model, vote) = classifier.Parts(vector);

        var scores = classifier.Score(vector, 0.5f);

        Assert.Equal((0.5f * model[1]) + (0.5f * vote[1]), scores[1], 4);
        Assert.Equal(1f, scores.Sum(), 4);
        Assert.Equal(classifier.Score(vector), classifier.Score(vector, ExampleClassifier.ModelShare));
    }

    [Fact]
    public void Score_ShareAboveOne_Throws()
    {
        var classifier = Clusters();

        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Score(Unit(1, 0, 0, 0), 1.5f));
    }

    [Fact]
    public void Margin_VectorInsideTheClass_IsNegativeAndOutsideItPositive()
    {
        var classifier = Clusters();

        Assert.True(classifier.Margin(Unit(0, 1, 0, 0), 1) < 0);
        Assert.True(classifier.Margin(Unit(1, 0, 0, 0), 1) > 0);
    }
}
