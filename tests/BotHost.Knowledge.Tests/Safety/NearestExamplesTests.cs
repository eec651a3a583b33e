using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// <see cref="NearestExamples"/>: the 16-bit first pass gives the same nearest rows, in the same order and with the same
/// similarities, as a float comparison with every row, on random vectors, on clusters of near neighbours and with ties.
/// </summary>
public sealed class NearestExamplesTests
{
    private const int Dimensions = 384;

    private static float[] Unit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < dimensions; i++) v[i] = (float)((random.NextDouble() * 2) - 1);
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < dimensions; i++) v[i] /= norm;
        return v;
    }

    /// <summary>
    /// Rows in a few tight clusters (near neighbours differ in the last digits, where the 16-bit pass cannot tell them
    /// apart), every fifth row a copy of an earlier one (exact ties).
    /// </summary>
    private static float[] Rows(Random random, int count)
    {
        var centres = Enumerable.Range(0, 8).Select(_ => Unit(random, Dimensions)).ToArray();
        var matrix = new float[count * Dimensions];
        for (var r = 0; r < count; r++)
        {
            var row = matrix.AsSpan(r * Dimensions, Dimensions);
            if (r % 5 == 4)
            {
                matrix.AsSpan(random.Next(r) * Dimensions, Dimensions).CopyTo(row);
                continue;
            }

            var centre = centres[r % centres.Length];
            var noise = Unit(random, Dimensions);
            var spread = (float)(random.NextDouble() * 0.05);
            for (var i = 0; i < Dimensions; i++) row[i] = centre[i] + (spread * noise[i]);
            var norm = 0f;
            foreach (var x in row) norm += x * x;
            norm = MathF.Sqrt(norm);
            for (var i = 0; i < Dimensions; i++) row[i] /= norm;
        }

        return matrix;
    }

    private static (int[] Rows, float[] Similarities) Expected(float[] matrix, float[] query, int count, int[]? labels = null, int label = -1)
    {
        var all = Enumerable.Range(0, matrix.Length / Dimensions)
            .Where(r => label < 0 || labels![r] == label)
            .Select(r => (Row: r, Similarity: System.Numerics.Tensors.TensorPrimitives.Dot(query, matrix.AsSpan(r * Dimensions, Dimensions))))
            .OrderByDescending(x => x.Similarity).ThenBy(x => x.Row).Take(count).ToArray();
        return ([.. all.Select(x => x.Row)], [.. all.Select(x => x.Similarity)]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 10)]
    [InlineData(3, 64)]
    [InlineData(4, 100)]
    public void Nearest_ClusteredRowsWithTies_SameRowsAndSimilaritiesAsTheFullScan(int seed, int count)
    {
        var random = new Random(seed);
        var matrix = Rows(random, 3_000);
        var examples = new NearestExamples(matrix, Dimensions);
        for (var q = 0; q < 40; q++)
        {
            // Queries: random directions, rows themselves (a tie with every copy) and points near a cluster.
            var query = q % 3 == 0 ? Unit(random, Dimensions) : matrix.AsSpan(random.Next(3_000) * Dimensions, Dimensions).ToArray();
            if (q % 3 == 2)
            {
                var noise = Unit(random, Dimensions);
                for (var i = 0; i < Dimensions; i++) query[i] += 0.01f * noise[i];
            }

            var best = new int[count];
            var similarities = new float[count];
            using (var scan = examples.Bound(query)) Assert.Equal(count, scan.Nearest(best, similarities));
            var (rows, expected) = Expected(matrix, query, count);

            Assert.Equal(rows, best);
            Assert.Equal(expected, similarities);
        }
    }

    [Fact]
    public void Nearest_OneLabel_TheNearestRowOfThatLabelAsTheFullScan()
    {
        var random = new Random(5);
        var matrix = Rows(random, 2_000);
        var labels = Enumerable.Range(0, 2_000).Select(_ => random.Next(3)).ToArray();
        var examples = new NearestExamples(matrix, Dimensions);
        for (var q = 0; q < 30; q++)
        {
            var query = q % 2 == 0 ? Unit(random, Dimensions) : matrix.AsSpan(random.Next(2_000) * Dimensions, Dimensions).ToArray();
            using var scan = examples.Bound(query);
            for (var label = 0; label < 3; label++)
            {
                var best = new int[1];
                var similarity = new float[1];
                scan.Nearest(best, similarity, labels, label);
                var (rows, expected) = Expected(matrix, query, 1, labels, label);

                Assert.Equal(rows, best);
                Assert.Equal(expected, similarity);
            }
        }
    }

    [Fact]
    public void Nearest_FewerRowsThanAsked_FillsWhatThereIsAndLeavesTheRest()
    {
        var random = new Random(7);
        var matrix = Rows(random, 6);
        var examples = new NearestExamples(matrix, Dimensions);
        var best = new int[10];
        var similarities = new float[10];

        using var scan = examples.Bound(Unit(random, Dimensions));
        var filled = scan.Nearest(best, similarities);

        Assert.Equal(6, filled);
        Assert.Equal(Enumerable.Range(0, 6).Order(), best[..6].Order());
        Assert.All(best[6..], r => Assert.Equal(-1, r));
        Assert.All(similarities[6..], s => Assert.Equal(float.NegativeInfinity, s));
    }

    [Fact]
    public void Nearest_ARowNotFinite_FallsBackToTheFullScan()
    {
        var random = new Random(9);
        var matrix = Rows(random, 200);
        matrix[17 * Dimensions] = float.PositiveInfinity;
        var examples = new NearestExamples(matrix, Dimensions);
        var query = Unit(random, Dimensions);
        var best = new int[10];
        var similarities = new float[10];
        var fullBest = new int[10];
        var fullSimilarities = new float[10];

        using (var scan = examples.Bound(query)) scan.Nearest(best, similarities);
        examples.NearestByFullScan(query, fullBest, fullSimilarities);

        Assert.Equal(fullBest, best);
        Assert.Equal(fullSimilarities, similarities);
    }

    [Fact]
    public void Bound_VectorOfAnotherLength_Throws() =>
        Assert.Throws<ArgumentException>(() =>
        {
            using var scan = new NearestExamples(new float[Dimensions * 2], Dimensions).Bound(new float[3]);
        });
}
