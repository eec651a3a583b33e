using System.Text.Json;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Slack.Rendering;
using BotHost.Slack.Replies;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Replies;

public sealed class SlackReplySenderTests
{
    [Fact]
    public async Task SendAsync_PublicReplyToTopLevelMention_StartsAThreadUnderTheMention()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention(), SampleReplies.Answer(), CancellationToken.None);

        var body = Assert.Single(services.Server.Requests).Json();
        Assert.Equal("C1", body.GetProperty("channel").GetString());
        Assert.Equal("1515449522.000016", body.GetProperty("thread_ts").GetString());
    }

    [Fact]
    public async Task SendAsync_PublicReplyToMentionInAThread_RepliesInThatThread()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention() with { ThreadTs = "1515449000.000001" }, SampleReplies.Answer(), CancellationToken.None);

        Assert.Equal("1515449000.000001", Assert.Single(services.Server.Requests).Json().GetProperty("thread_ts").GetString());
    }

    [Fact]
    public async Task SendAsync_DirectMessage_AnsweredInTheDmWithoutAThread()
    {
        await using var services = await SlackTestServices.StartAsync();
        var dm = new SlackConversation("T1", "D1", "U1") { MessageTs = "1.1", IsDirectMessage = true };

        await services.Get<SlackReplySender>().SendAsync(dm, SampleReplies.Answer(ReplyVisibility.Private), CancellationToken.None);

        var request = Assert.Single(services.Server.Requests);
        Assert.Equal("chat.postMessage", request.Target);
        Assert.Equal("D1", request.Json().GetProperty("channel").GetString());
        Assert.False(request.Json().TryGetProperty("thread_ts", out _));
    }

    [Fact]
    public async Task SendAsync_PrivateReplyToMention_ByDmAndOnlyAnEphemeralPointerInTheChannel()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention(), SampleReplies.Answer(ReplyVisibility.Private), CancellationToken.None);

        var requests = services.Server.Requests;
        Assert.Equal(["conversations.open", "chat.postMessage", "chat.postEphemeral"], requests.Select(r => r.Target));
        Assert.Equal("U1", requests[0].Json().GetProperty("users").GetString());
        Assert.Equal(LoopbackSlackServer.DirectMessageChannel, requests[1].Json().GetProperty("channel").GetString());
        Assert.Equal(BotTexts.PrivateNotification, requests[1].Json().GetProperty("text").GetString());
        var notice = requests[2].Json();
        Assert.Equal(("C1", "U1"), (notice.GetProperty("channel").GetString(), notice.GetProperty("user").GetString()));
        Assert.Equal(SlackMrkdwn.Escape(BotTexts.PrivateNotice), notice.GetProperty("text").GetString());
        Assert.False(notice.TryGetProperty("thread_ts", out _));
        Assert.False(notice.TryGetProperty("blocks", out _));
    }

    [Fact]
    public async Task SendAsync_PrivateReplyButTheDmCannotBeOpened_WholeReplyAsEphemeralInTheChannel()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("conversations.open", LoopbackResponse.Error("missing_scope"));

        await services.Get<SlackReplySender>().SendAsync(Mention() with { ThreadTs = "1515449000.000001" }, SampleReplies.Answer(ReplyVisibility.Private), CancellationToken.None);

        Assert.Equal(["conversations.open", "chat.postEphemeral"], services.Server.Requests.Select(r => r.Target));
        var ephemeral = services.Server.Requests[1].Json();
        Assert.Equal("1515449000.000001", ephemeral.GetProperty("thread_ts").GetString());
        Assert.Equal(JsonValueKind.Array, ephemeral.GetProperty("blocks").ValueKind);
        Assert.Single(services.Logs.Containing("im:write"));
    }

    [Fact]
    public async Task SendAsync_Ignored_SendsNothing()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention(), Reply.Text(ReplyKind.Ignored, ReplyVisibility.Public, "x"), CancellationToken.None);

        Assert.Empty(services.Server.Requests);
    }

    [Theory]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Public, false, "in_channel")]
    [InlineData(ReplyKind.Hotlines, ReplyVisibility.Public, false, "in_channel")]
    [InlineData(ReplyKind.About, ReplyVisibility.Public, false, "in_channel")]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Public, true, "ephemeral")]
    [InlineData(ReplyKind.Answer, ReplyVisibility.Private, false, "ephemeral")]
    [InlineData(ReplyKind.Declined, ReplyVisibility.Public, false, "ephemeral")]
    [InlineData(ReplyKind.Help, ReplyVisibility.Public, false, "ephemeral")]
    [InlineData(ReplyKind.Urgent, ReplyVisibility.Private, false, "ephemeral")]
    [InlineData(ReplyKind.Error, ReplyVisibility.Private, false, "ephemeral")]
    public async Task RespondToCommandAsync_Reply_InChannelOnlyForShareableAnswersWhereAllowed(ReplyKind kind, ReplyVisibility visibility, bool privateByDefault,
        string expected)
    {
        await using var services = await SlackTestServices.StartAsync(community: new CommunitySettings { Region = "US", PrivateByDefault = privateByDefault });
        var reply = SampleReplies.Answer(visibility) with { Kind = kind };

        await services.Get<SlackReplySender>().RespondToCommandAsync(Command(services), reply, CancellationToken.None);

        var body = (await services.Server.NextRequestAsync("hooks/cmd")).Json();
        Assert.Equal(expected, body.GetProperty("response_type").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("blocks").ValueKind);
    }

    [Fact]
    public async Task RespondToCommandAsync_Ignored_ShortEphemeralText()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().RespondToCommandAsync(Command(services), Reply.Text(ReplyKind.Ignored, ReplyVisibility.Public, ""), CancellationToken.None);

        var body = Assert.Single(services.Server.Requests).Json();
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Equal(BotTexts.NotAnsweredHere, body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task RespondToCommandAsync_BlocksRejected_SentAgainAsPlainText()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("hooks/cmd", new LoopbackResponse(500, "invalid_blocks", "text/plain"));

        await services.Get<SlackReplySender>().RespondToCommandAsync(Command(services), SampleReplies.Answer(), CancellationToken.None);

        var retry = services.Server.RequestsTo("hooks/cmd")[1].Json();
        Assert.False(retry.TryGetProperty("blocks", out _));
        Assert.Contains("Do not pay", retry.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondToCommandAsync_NoResponseUrl_EphemeralThroughTheWebApi()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().RespondToCommandAsync(new SlackConversation("T1", "C1", "U1"), SampleReplies.Answer(), CancellationToken.None);

        Assert.Equal("chat.postEphemeral", Assert.Single(services.Server.Requests).Target);
    }

    [Fact]
    public async Task AcknowledgeFeedbackAsync_ResponseUrl_EphemeralThanksThatKeepsTheOriginal()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().AcknowledgeFeedbackAsync(services.Server.ResponseUrl("click"), CancellationToken.None);

        var body = Assert.Single(services.Server.Requests).Json();
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.False(body.GetProperty("replace_original").GetBoolean());
    }

    private static SlackConversation Mention() => new("T1", "C1", "U1") { MessageTs = "1515449522.000016" };

    private static SlackConversation Command(SlackTestServices services) => new("T1", "C1", "U1") { ResponseUrl = services.Server.ResponseUrl("cmd") };
}
