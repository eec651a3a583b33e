using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

public sealed class SoftmaxRegressionTests
{
    /// <summary>Three clusters of unit vectors around three axes of an 8-dimensional space, labelled 0, 1, 2.</summary>
    private static (List<float[]> Vectors, List<int> Labels) Clusters()
    {
        var random = new Random(7);
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var label = 0; label < 3; label++)
        {
            for (var i = 0; i < 20; i++)
            {
                var v = new float[8];
                for (var j = 0; j < v.Length; j++) v[j] = (float)(random.NextDouble() - 0.5) * 0.4f;
                v[label] += 1;
                vectors.Add(Unit(v));
                labels.Add(label);
            }
        }

        return (vectors, labels);
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    [Fact]
    public void Predict_VectorNearOneCluster_GivesItsClassMostOfTheProbability()
    {
        var (vectors, labels) = Clusters();
        var model = SoftmaxRegression.Train(vectors, labels, 3);
        var probabilities = new float[3];

        model.Predict(Unit([0.1f, 0.05f, 1, 0, 0, 0, 0, 0]), probabilities);

        Assert.True(probabilities[2] > 0.8f, $"p = {string.Join(", ", probabilities)}");
        Assert.Equal(1f, probabilities.Sum(), 3);
    }

    [Fact]
    public void Train_SameRowsTwice_GivesTheSameModel()
    {
        var (vectors, labels) = Clusters();
        var first = new float[3];
        var second = new float[3];

        SoftmaxRegression.Train(vectors, labels, 3).Predict(vectors[5], first);
        SoftmaxRegression.Train(vectors, labels, 3).Predict(vectors[5], second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_HeavierClassWeight_RaisesThatClassOnAnAmbiguousVector()
    {
        var (vectors, labels) = Clusters();
        var between = Unit([1, 1, 0, 0, 0, 0, 0, 0]);
        var even = new float[3];
        var heavy = new float[3];

        SoftmaxRegression.Train(vectors, labels, 3).Predict(between, even);
        SoftmaxRegression.Train(vectors, labels, 3, classWeights: [1, 10, 1]).Predict(between, heavy);

        Assert.True(heavy[1] > even[1], $"even {even[1]}, weighted {heavy[1]}");
    }

    [Fact]
    public void Train_RowWeightsAllOne_GivesTheSameModelAsNone()
    {
        var (vectors, labels) = Clusters();
        var none = new float[3];
        var ones = new float[3];

        SoftmaxRegression.Train(vectors, labels, 3).Predict(vectors[25], none);
        SoftmaxRegression.Train(vectors, labels, 3, rowWeights: [.. vectors.Select(_ => 1f)]).Predict(vectors[25], ones);

        Assert.Equal(none, ones);
    }

    /// <summary>
    /// Rows of classes 0 and 1 in the same place (near axis 4): weighing class 0's rows there ten times its other rows
    /// raises class 0 there, though class 0 weighs the same in total.
    /// </summary>
    [Fact]
    public void Train_HeavierRowsInAContestedPlace_RaiseTheirClassThere()
    {
        var (vectors, labels) = Clusters();
        var random = new Random(11);
        for (var i = 0; i < 10; i++)
        {
            var v = new float[8];
            for (var j = 0; j < v.Length; j++) v[j] = (float)(random.NextDouble() - 0.5) * 0.4f;
            v[4] += 1;
            vectors.Add(Unit(v));
            labels.Add(i % 2);
        }

        var contested = Unit([0, 0, 0, 0, 1, 0, 0, 0]);
        var even = new float[3];
        var heavy = new float[3];

        SoftmaxRegression.Train(vectors, labels, 3).Predict(contested, even);
        SoftmaxRegression.Train(vectors, labels, 3, rowWeights: [.. labels.Select((l, i) => i >= 60 && l == 0 ? 10f : 1f)]).Predict(contested, heavy);

        Assert.True(heavy[0] > even[0] + 0.1f, $"even {even[0]}, weighted {heavy[0]}");
    }

    [Fact]
    public void Train_RowWeightsOfAnotherLength_Throws()
    {
        var (vectors, labels) = Clusters();

        Assert.Throws<ArgumentException>(() => SoftmaxRegression.Train(vectors, labels, 3, rowWeights: [1f, 2f]));
    }

    [Fact]
    public void Read_WrittenModel_PredictsIdentically()
    {
        var (vectors, labels) = Clusters();
        var model = SoftmaxRegression.Train(vectors, labels, 3);
        var read = BinaryRoundTrip.Of(model.Write, SoftmaxRegression.Read);

        float[] expected = new float[3], actual = new float[3];
        foreach (var v in vectors)
        {
            model.Predict(v, expected);
            read.Predict(v, actual);
            Assert.Equal(expected, actual);
        }
    }
}
