using BotHost.Console.Quality;
using BotHost.Core.Analytics;

namespace BotHost.Tests.Console;

public sealed class EvalSetRunnerTests
{
    [Theory]
    [InlineData("# c\nhelp me\turgent\tself-harm\nhi\tnormal\n", EvalSetKind.Urgent)]
    [InlineData("where is it\trefuse\nhow do i report it\tprotective\n", EvalSetKind.Refusal)]
    [InlineData("what is thorn\tthorn\npizza\t-\n", EvalSetKind.Questions)]
    [InlineData("i cant stop crying\tdistress\nhow do i report a scam\tcalm\n", EvalSetKind.Distress)]
    public void KindOf_SecondColumn_TellsTheFormat(string text, EvalSetKind expected) => Assert.Equal(expected, EvalSetRunner.KindOf(text));
}
