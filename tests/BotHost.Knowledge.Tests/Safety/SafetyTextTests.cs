using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// <see cref="SafetyText.Read"/> keeps the last text a thread read without shorthand: a repeat of the same string is
/// the same reading, while another string, or a read with shorthand, is read afresh.
/// </summary>
public sealed class SafetyTextTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Shorthand = new() { ["u"] = ["you"] };

    [Fact]
    public void Read_SameStringTwice_ReturnsTheSameReading()
    {
        var message = new string("im scared rn".AsSpan());

        var first = SafetyText.Read(message);
        var second = SafetyText.Read(message);

        Assert.Same(first, second);
        Assert.Equal(["i", "am", "scared", "right", "now"], second.Words);
    }

    [Fact]
    public void Read_AnotherStringInBetween_ReadsEachAsItself()
    {
        var first = new string("help me".AsSpan());
        var other = new string("the bus is late".AsSpan());

        SafetyText.Read(first);
        var between = SafetyText.Read(other);
        var again = SafetyText.Read(first);

        Assert.Equal(["the", "bus", "is", "late"], between.Words);
        Assert.Equal(["help", "me"], again.Words);
    }

    [Fact]
    public void Read_WithShorthandAfterWithout_ExpandsTheShorthand()
    {
        var message = new string("can u help".AsSpan());

        var plain = SafetyText.Read(message);
        var expanded = SafetyText.Read(message, Shorthand);

        Assert.NotSame(plain, expanded);
        Assert.Equal(["can", "you", "help"], expanded.Words);
        Assert.Same(plain, SafetyText.Read(message));
    }
}
