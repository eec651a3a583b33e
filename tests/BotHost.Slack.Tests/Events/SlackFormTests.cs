using BotHost.Slack.Events;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Events;

public sealed class SlackFormTests
{
    [Fact]
    public void Parse_SlackDocsSlashCommandBody_EveryField()
    {
        var form = SlackForm.Read(SlackSpecFiles.ReadPayloadBytes("slack-slash-command-form-body.txt"));

        var payload = SlackForm.Parse(form);

        Assert.Equal("T1DC2JH3J", payload.TeamId);
        Assert.Equal("testteamnow", payload.TeamDomain);
        Assert.Equal("G8PSS9T3V", payload.ChannelId);
        Assert.Equal("foobar", payload.ChannelName);
        Assert.Equal("U2CERLKJA", payload.UserId);
        Assert.Equal("/webhook-collect", payload.Command);
        Assert.Equal(string.Empty, payload.Text);
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", payload.ResponseUrl);
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", payload.TriggerId);
        Assert.False(SlackForm.IsSslCheck(form));
    }

    [Fact]
    public void Parse_PlusAndPercentEncodedText_Decoded()
    {
        var form = SlackForm.Read("command=%2Fask&text=is+it+ok+to+pay%3F+%26+what+now&user_id=U1&channel_id=C1"u8);

        var payload = SlackForm.Parse(form);

        Assert.Equal("/ask", payload.Command);
        Assert.Equal("is it ok to pay? & what now", payload.Text);
    }

    [Theory]
    [InlineData("ssl_check=1&token=abc", true)]
    [InlineData("ssl_check=1", true)]
    [InlineData("ssl_check=true", false)]
    [InlineData("ssl_check=1&ssl_check=1", false)]
    [InlineData("command=%2Fask", false)]
    public void IsSslCheck_OnlyExactlyOne_True(string body, bool expected)
    {
        var form = SlackForm.Read(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, SlackForm.IsSslCheck(form));
    }

    [Fact]
    public void Map_SlashCommand_CommandMessageWithResponseUrl()
    {
        var payload = SlackForm.Parse(SlackForm.Read("command=%2FAsk&text=%3C%40U9%3E+is+threatening+me&user_id=U1&channel_id=D1&team_id=T1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2Fx"u8));

        var mapped = SlashCommandMapper.Map(payload, DateTimeOffset.UnixEpoch)!;

        Assert.Equal("ask", mapped.Message.Command);
        Assert.Equal("@user is threatening me", mapped.Message.Text);
        Assert.Equal(Core.Messages.MessageSource.Command, mapped.Message.Source);
        Assert.False(mapped.Message.IsPrivateConversation);
        Assert.Equal(new Uri("https://hooks.slack.com/commands/x"), mapped.Conversation.ResponseUrl);
    }

    [Fact]
    public void Map_CommandWithoutUser_Null()
    {
        var payload = SlackForm.Parse(SlackForm.Read("command=%2Fask&channel_id=C1"u8));

        Assert.Null(SlashCommandMapper.Map(payload, DateTimeOffset.UnixEpoch));
    }
}
