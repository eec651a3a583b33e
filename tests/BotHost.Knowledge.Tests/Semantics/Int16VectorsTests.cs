using System.Runtime.Intrinsics.X86;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

public sealed class Int16VectorsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(384)]
    [InlineData(1_000)]
    public void Dot_RowsOfAnyLength_EqualsTheSumOfProducts(int length)
    {
        var random = new Random(length);
        var levels = length == 0 ? 1 : Int16Vectors.Levels(length);
        var a = new short[length];
        var b = new short[length];
        for (var i = 0; i < length; i++) (a[i], b[i]) = ((short)random.Next(-levels, levels + 1), (short)random.Next(-levels, levels + 1));
        var expected = 0L;
        for (var i = 0; i < length; i++) expected += a[i] * b[i];

        Assert.Equal(expected, Int16Vectors.Dot(a, b));
        Assert.Equal(expected, Int16Vectors.DotPortable(a, b));
        if (Avx2.IsSupported) Assert.Equal(expected, Int16Vectors.DotAvx2(a, b));
    }

    /// <summary>Every component at the largest magnitude: the most the 32-bit lanes ever hold.</summary>
    [Theory]
    [InlineData(384)]
    [InlineData(16)]
    [InlineData(4_096)]
    public void Dot_RowsAtTheLargestLevel_DoesNotOverflow(int length)
    {
        var levels = Int16Vectors.Levels(length);
        var a = Enumerable.Repeat((short)-levels, length).ToArray();
        var expected = (long)levels * levels * length;

        Assert.Equal(expected, Int16Vectors.Dot(a, a));
        Assert.Equal(expected, Int16Vectors.DotPortable(a, a));
    }

    [Fact]
    public void Dot_RowsOfDifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => Int16Vectors.Dot(new short[3], new short[4]));

    [Fact]
    public void Levels_FewDimensions_AtMostTheLargestShort() => Assert.Equal(short.MaxValue, Int16Vectors.Levels(3));

    [Fact]
    public void Quantize_UnitVector_LargestComponentIsTheLevelAndErrorIsWhatRoundingLost()
    {
        float[] vector = [0.6f, -0.8f, 0.0f, 0.001f];
        var row = new short[4];

        var (scale, error) = Int16Vectors.Quantize(vector, row, 1_000);

        Assert.Equal(-1_000, row[1]);
        Assert.Equal(0.8f / 1_000, scale);
        var lost = Math.Sqrt(vector.Select((x, i) => Math.Pow(x - ((double)scale * row[i]), 2)).Sum());
        Assert.Equal(lost, error, 12);
        Assert.InRange(error, 0, scale);
    }

    [Fact]
    public void Quantize_ZeroVector_ZeroRowAndNoError()
    {
        var row = new short[] { 1, 2, 3 };

        var (scale, error) = Int16Vectors.Quantize(new float[3], row, 100);

        Assert.Equal(0, scale);
        Assert.Equal(0, error);
        Assert.All(row, x => Assert.Equal(0, x));
    }

    /// <summary>The bound the semantic index relies on: |q.v - sq sv (q'.v')| &lt;= |q - sq q'| |v| + sq |q'| |v - sv v'|.</summary>
    [Theory]
    [InlineData(6_689)]
    [InlineData(127)]
    [InlineData(3)]
    public void Quantize_RandomUnitVectors_ScaledRowDotIsWithinTheErrorBound(int levels)
    {
        var random = new Random(levels);
        for (var trial = 0; trial < 300; trial++)
        {
            var q = Unit(random, 384);
            var v = Unit(random, 384);
            var (qRow, vRow) = (new short[384], new short[384]);
            var (qScale, qError) = Int16Vectors.Quantize(q, qRow, levels);
            var (vScale, vError) = Int16Vectors.Quantize(v, vRow, levels);

            var exact = q.Select((x, i) => (double)x * v[i]).Sum();
            var approximate = (double)Int16Vectors.Dot(qRow, vRow) * qScale * vScale;
            var bound = (qError * Int16Vectors.Norm(v)) + (qScale * Int16Vectors.Norm(qRow) * vError);

            Assert.InRange(Math.Abs(exact - approximate), 0, bound);
        }
    }

    private static float[] Unit(Random random, int length)
    {
        var vector = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1) * (random.Next(20) == 0 ? 4 : 1)).ToArray();
        var norm = (float)Math.Sqrt(vector.Sum(x => (double)x * x));
        return [.. vector.Select(x => x / norm)];
    }
}
