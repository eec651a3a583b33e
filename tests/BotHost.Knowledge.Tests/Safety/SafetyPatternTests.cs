using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

public sealed class SafetyPatternTests
{
    private static SafetyPattern Pattern(string phrase) =>
        SafetyPattern.Parse(phrase, shorthand: null, out var problem) ?? throw new InvalidOperationException(problem);

    [Theory]
    [InlineData("kill myself", "i want to kill myself rn", true)]
    [InlineData("kill myself", "killl myselfff", true)]
    [InlineData("threat*", "he keeps threatning me", true)]
    [InlineData("(pics|nudes|my video)", "he has my video", true)]
    [InlineData("not (want|wanna) to (wake up|be alive)", "i dont wanna wake up", true)]
    [InlineData("pay off ... debt", "i have to pay off his stupid drug debt", true)]
    [InlineData("pay off ... debt", "pay off the one two three four five debt", false)]
    [InlineData("work <number> hours", "we work 18 hours", true)]
    [InlineData("hes <adult>", "hes 28", true)]
    [InlineData("hes <adult>", "hes 14", false)]
    [InlineData("im <minor>", "im 13", true)]
    [InlineData("meet", "i met a new friend", false)]
    [InlineData("(took|take) (my|our) (passport*|id)", "how does take it down work", false)]
    [InlineData("i am sad", "I'm SAD", true)]
    public void Matches_Phrase_FindsItOnlyWhereItIs(string phrase, string message, bool expected) =>
        Assert.Equal(expected, Pattern(phrase).IsMatch(SafetyText.Read(message)));

    [Theory]
    [InlineData("<teen>", "unknown placeholder")]
    [InlineData("... alone", "must not start or end")]
    [InlineData("()", "has no words")]
    [InlineData("!!!", "has no words to match")]
    public void Parse_BadPhrase_ExplainsWhy(string phrase, string expected)
    {
        Assert.Null(SafetyPattern.Parse(phrase, shorthand: null, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmojiAndCurrency_AreWordsOfTheirOwn() =>
        Assert.Equal(["i", "am", "dead", "😂", "$", "300"], SafetyText.Read("im dead😂 $300").Words);
}
