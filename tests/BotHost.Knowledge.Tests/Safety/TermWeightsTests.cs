using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>The shared layout of the learned refusal scores' word weights in the trained-model cache.</summary>
public sealed class TermWeightsTests
{
    private static byte[] Written(IReadOnlyDictionary<string, float> weights)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) TermWeights.Write(writer, weights);
        return stream.ToArray();
    }

    private static Dictionary<string, float> ReadBack(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return TermWeights.Read(reader, "test model");
    }

    [Fact]
    public void Read_WrittenWeights_GivesEveryTermItsWeight()
    {
        var weights = new Dictionary<string, float> { ["send me"] = 1.5f, ["^ how"] = -0.25f, ["my daughter"] = -2f, ["Zebra"] = 3f };

        var read = ReadBack(Written(weights));

        Assert.Equal(weights.OrderBy(p => p.Key, StringComparer.Ordinal), read.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Write_SameWeightsAddedInAnotherOrder_WritesTheSameBytes()
    {
        var first = new Dictionary<string, float> { ["b"] = 1f, ["a"] = 2f, ["B"] = 3f };
        var second = new Dictionary<string, float> { ["B"] = 3f, ["a"] = 2f, ["b"] = 1f };

        Assert.Equal(Written(first), Written(second));
    }

    [Fact]
    public void Read_RepeatedTerm_ThrowsInvalidDataNamingTheModel()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(2);
            writer.Write("pics");
            writer.Write(1f);
            writer.Write("pics");
            writer.Write(2f);
        }

        var error = Assert.Throws<InvalidDataException>(() => ReadBack(stream.ToArray()));

        Assert.Contains("test model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeCount_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => ReadBack([255, 255, 255, 255]));
    }
}
