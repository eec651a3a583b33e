using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Slack.Api;
using BotHost.Slack.Events;
using BotHost.Slack.Wire;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Events;

public sealed class SlackEventMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly BotIdentity Bot = new("U0LAN0Z89", "B0BOT", "T123ABC456", new Uri("https://acme.slack.com/"));

    [Fact]
    public void Map_DocsAppMention_MentionAnsweredInItsThread()
    {
        var envelope = Envelope("slack-event-callback-app-mention.docs.json");

        var mapped = SlackEventMapper.Map(envelope, Bot, Now).Inbound!;

        Assert.Equal("slack", mapped.Message.Platform);
        Assert.Equal("T123ABC456", mapped.Message.CommunityId);
        Assert.Equal("C123ABC456", mapped.Message.ChannelId);
        Assert.Equal("U061F7AUR", mapped.Message.UserId);
        Assert.Equal("is it everything a river should be?", mapped.Message.Text);
        Assert.Equal(MessageSource.Mention, mapped.Message.Source);
        Assert.False(mapped.Message.IsPrivateConversation);
        Assert.Equal(new Uri("https://acme.slack.com/archives/C123ABC456/p1515449522000016"), mapped.Message.MessageLink);
        Assert.Equal("1515449522.000016", mapped.Conversation.MessageTs);
        Assert.Null(mapped.Conversation.ThreadTs);
        Assert.False(mapped.Conversation.IsDirectMessage);
    }

    [Fact]
    public void Map_DocsMessageIm_DirectMessage()
    {
        var envelope = Envelope("slack-event-callback-message-im.docs.json");

        var mapped = SlackEventMapper.Map(envelope, Bot, Now).Inbound!;

        Assert.Equal(MessageSource.DirectMessage, mapped.Message.Source);
        Assert.True(mapped.Message.IsPrivateConversation);
        Assert.True(mapped.Conversation.IsDirectMessage);
        Assert.Equal("D024BE91L", mapped.Conversation.ChannelId);
        Assert.Equal("Hello hello can you hear me?", mapped.Message.Text);
    }

    [Fact]
    public void Map_SdkFixtureMentionWithoutIdentity_LeadingMentionStripped()
    {
        var envelope = Envelope("slack-event-callback-app-mention.sdk-fixture.json");

        var mapped = SlackEventMapper.Map(envelope, null, Now).Inbound!;

        Assert.Equal("hey", mapped.Message.Text);
        Assert.Equal("T111", mapped.Message.CommunityId);
        Assert.Null(mapped.Message.MessageLink);
    }

    [Fact]
    public void Map_MentionInThread_KeepsTheThreadAndLinksIntoIt()
    {
        var envelope = Mention() with { Event = Mention().Event! with { ThreadTs = "1515449000.000001" } };

        var mapped = SlackEventMapper.Map(envelope, Bot, Now).Inbound!;

        Assert.Equal("1515449000.000001", mapped.Conversation.ThreadTs);
        Assert.Equal("https://acme.slack.com/archives/C1/p1515449522000016?thread_ts=1515449000.000001&cid=C1", mapped.Message.MessageLink!.AbsoluteUri);
    }

    [Theory]
    [InlineData("bot_id")]
    [InlineData("own user")]
    [InlineData("subtype")]
    [InlineData("channel message")]
    [InlineData("no user")]
    [InlineData("other type")]
    public void Map_EventsTheBotMustNotAnswer_Ignored(string kind)
    {
        var e = Mention().Event!;
        var changed = kind switch
        {
            "bot_id" => e with { BotId = "B999" },
            "own user" => e with { User = Bot.UserId },
            "subtype" => e with { Type = "message", ChannelType = "im", Subtype = "message_changed" },
            "channel message" => e with { Type = "message", ChannelType = "channel" },
            "no user" => e with { User = null },
            _ => e with { Type = "reaction_added" },
        };

        var mapping = SlackEventMapper.Map(Mention() with { Event = changed }, Bot, Now);

        Assert.Null(mapping.Inbound);
        Assert.False(string.IsNullOrEmpty(mapping.IgnoredBecause));
    }

    [Fact]
    public void Map_SocketModeChannelMessageEnvelope_IgnoredAsNotAMention()
    {
        var frame = JsonSerializer.Deserialize(SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-message-event.json"), SlackJsonContext.Default.SocketModeFrame)!;
        var envelope = frame.Payload!.Value.Deserialize(SlackJsonContext.Default.EventEnvelope)!;

        var mapping = SlackEventMapper.Map(envelope, Bot, Now);

        Assert.Null(mapping.Inbound);
        Assert.Contains("channel", mapping.IgnoredBecause, StringComparison.Ordinal);
    }

    private static EventEnvelope Envelope(string file) =>
        JsonSerializer.Deserialize(SlackSpecFiles.ReadPayload(file), SlackJsonContext.Default.EventEnvelope)!;

    private static EventEnvelope Mention() => new()
    {
        Type = "event_callback",
        TeamId = "T1",
        EventId = "Ev1",
        Event = new SlackEvent { Type = "app_mention", User = "U1", Text = "<@U0LAN0Z89> hi", Ts = "1515449522.000016", Channel = "C1" },
    };
}
