using BotHost.Knowledge.Yaml;

namespace BotHost.Knowledge.Tests.Search;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("sextortion", "sextortion", 0)]
    [InlineData("sextrotion", "sextortion", 1)]
    [InlineData("sextortin", "sextortion", 1)]
    [InlineData("threatnin", "threaten", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Compute_Pairs_GivesOptimalStringAlignmentDistance(string a, string b, int distance) =>
        Assert.Equal(distance, EditDistance.Compute(a, b));

    [Fact]
    public void Compute_BeyondMax_StopsAtMaxPlusOne() => Assert.Equal(2, EditDistance.Compute("abcdef", "uvwxyz", max: 1));
}
