using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Core.Tests.Pipeline;

public sealed class ChatCommandTests
{
    [Theory]
    [InlineData("hotlines", "hotlines", "")]
    [InlineData("  /hotlines gb ", "hotlines", "gb")]
    [InlineData("About", "about", "")]
    [InlineData("help", "help", "")]
    public void Parse_CommandWordsAlone_AreCommands(string text, string name, string argument)
    {
        var command = ChatCommand.Parse(PipelineFixture.Message(text));

        Assert.Equal(new ChatCommand(name, argument), command);
    }

    [Theory]
    [InlineData("help me someone is threatening me")]
    [InlineData("help please")]
    [InlineData("what hotlines are there for trafficking")]
    [InlineData("")]
    public void Parse_Sentences_AreNotCommands(string text) => Assert.Null(ChatCommand.Parse(PipelineFixture.Message(text)));

    [Fact]
    public void Parse_SlashCommand_UsesItsNameAndText()
    {
        var command = ChatCommand.Parse(PipelineFixture.Message("is this sextortion", MessageSource.Command, "Ask"));

        Assert.Equal(new ChatCommand("ask", "is this sextortion"), command);
    }
}
