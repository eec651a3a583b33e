using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Core.Safety;
using BotHost.Slack.Replies;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Api;

/// <summary>The bodies the adapter really sends, checked against Slack's Web API spec (see <see cref="WebApiSpec"/> for deviations).</summary>
public sealed class WebApiSpecTests
{
    [Fact]
    public async Task SendAsync_PublicMentionReply_ChatPostMessageFollowsTheSpec()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention(), SampleReplies.Answer(), CancellationToken.None);

        var request = Assert.Single(services.Server.RequestsTo("chat.postMessage"));
        Assert.Empty(WebApiSpec.Problems("chat.postMessage", request.Json()));
        Assert.Empty(WebApiSpec.AuthorizationProblems("chat.postMessage", request.Header("Authorization"), "xoxb-"));
        Assert.Equal(JsonValueKind.Array, request.Json().GetProperty("blocks").ValueKind);
    }

    [Fact]
    public async Task SendAsync_PrivateMentionReply_EveryCallFollowsTheSpec()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<SlackReplySender>().SendAsync(Mention(), SampleReplies.Answer(ReplyVisibility.Private), CancellationToken.None);

        Assert.Equal(["conversations.open", "chat.postMessage", "chat.postEphemeral"], services.Server.Requests.Select(r => r.Target));
        Assert.All(services.Server.Requests, r => Assert.Empty(WebApiSpec.Problems(r.Target, r.Json())));
    }

    [Fact]
    public async Task SendAsync_BlocksRejected_PlainTextRetryFollowsTheSpec()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.Error("invalid_blocks"));

        await services.Get<SlackReplySender>().SendAsync(Mention(), SampleReplies.Answer(), CancellationToken.None);

        var retry = services.Server.RequestsTo("chat.postMessage")[1].Json();
        Assert.Empty(WebApiSpec.Problems("chat.postMessage", retry));
        Assert.False(retry.TryGetProperty("blocks", out _));
        Assert.Contains("Do not pay", retry.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ModeratorAlert_ChatPostMessageFollowsTheSpec()
    {
        await using var services = await SlackTestServices.StartAsync();
        var alert = new ModeratorAlert("slack", "T1", "C0MODS", UrgencyCategory.SelfHarm, "C1", null, DateTimeOffset.UnixEpoch, 1);

        await services.Get<IModeratorAlertSender>().SendAsync(alert, CancellationToken.None);

        Assert.Empty(WebApiSpec.Problems("chat.postMessage", Assert.Single(services.Server.RequestsTo("chat.postMessage")).Json()));
    }

    [Fact]
    public void Problems_UnknownArgumentMissingChannelAndWrongType_AllReported()
    {
        var body = JsonDocument.Parse("""{"text":"hi","unfurl_links":"no","made_up":1}""").RootElement;

        var problems = WebApiSpec.Problems("chat.postMessage", body);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'channel' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'unfurl_links' should be boolean", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'made_up' is not an argument", StringComparison.Ordinal));
    }

    private static SlackConversation Mention() => new("T1", "C1", "U1") { MessageTs = "1515449522.000016" };
}
