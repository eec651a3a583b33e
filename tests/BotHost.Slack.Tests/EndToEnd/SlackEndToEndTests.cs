using System.Net;
using System.Text;
using BotHost.Core.Adapters;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.EndToEnd;

/// <summary>Slack's requests into a real host on a loopback port, and what the bot sends back to Slack.</summary>
public sealed class SlackEndToEndTests
{
    private const string GroomingQuestion = "how can i tell if someone is grooming my child";
    private const string SextortionQuestion = "someone is threatening to share my nudes unless i pay";

    [Fact]
    public async Task Events_SignedAppMention_AcknowledgedAtOnceThenThreadedChatPostMessage()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostEventAsync(SlackPayloads.Mention(GroomingQuestion));
        var post = await host.Slack.NextRequestAsync("chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var body = post.Json();
        Assert.Equal(SlackPayloads.Channel, body.GetProperty("channel").GetString());
        Assert.Equal(SlackPayloads.MentionTs, body.GetProperty("thread_ts").GetString());
        Assert.Contains("Warning signs of online grooming", body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + TestOptions.BotToken, post.Header("Authorization"));
    }

    [Fact]
    public async Task Events_RetriedEvent_AnsweredOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        var mention = SlackPayloads.Mention(GroomingQuestion, eventId: "Ev0RETRIED");

        var first = await host.PostEventAsync(mention);
        var retry = await host.PostEventAsync(mention, retryNum: 1, retryReason: "http_timeout");
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(host.Slack.RequestsTo("chat.postMessage"));
        Assert.Single(host.Logs.Containing("Ev0RETRIED was already received (retry 1, reason http_timeout)"));
    }

    [Fact]
    public async Task Events_SensitiveMention_AnsweredByDmWithAPrivatePointerAndTheQuestionNowhere()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostEventAsync(SlackPayloads.Mention(SextortionQuestion));
        await host.Slack.NextRequestAsync("chat.postEphemeral");
        await host.StopAsync();

        var calls = host.Slack.Requests.Where(r => r.Target != "auth.test").ToList();
        Assert.Equal(["conversations.open", "chat.postMessage", "chat.postEphemeral"], calls.Select(r => r.Target));
        Assert.Equal(LoopbackSlackServer.DirectMessageChannel, calls[1].Json().GetProperty("channel").GetString());
        Assert.Contains("Someone is threatening to share my photos", calls[1].Json().GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(SlackPayloads.Member, calls[2].Json().GetProperty("user").GetString());
        Assert.DoesNotContain(host.Slack.Requests, r => r.Body.Contains("threatening to share my nudes", StringComparison.Ordinal));
        Assert.Empty(host.Logs.Containing("share my nudes", LogLevel.Information));
    }

    [Fact]
    public async Task Events_DirectMessage_AnsweredInTheDm()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostEventAsync(SlackPayloads.DirectMessage(GroomingQuestion));
        var post = await host.Slack.NextRequestAsync("chat.postMessage");

        Assert.Equal("D0MEMBERDM", post.Json().GetProperty("channel").GetString());
        Assert.False(post.Json().TryGetProperty("thread_ts", out _));
    }

    [Theory]
    [InlineData(LoopbackSlackServer.BotUserId, null)]
    [InlineData("U0OTHERBOT", "B0OTHER")]
    public async Task Events_BotsOwnOrAnotherBotsMessage_NotAnswered(string user, string? botId)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostEventAsync(SlackPayloads.Mention(GroomingQuestion, user: user, botId: botId));
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Slack.RequestsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Events_UrlVerification_ChallengeEchoedAsPlainText()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostEventAsync(SlackSpecFiles.ReadPayload("slack-url-verification.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("tampered")]
    public async Task Events_NotProperlySigned_401AndNothingDone(string kind)
    {
        await using var host = await SlackTestHost.StartAsync();
        var body = Encoding.UTF8.GetBytes(SlackPayloads.Mention(GroomingQuestion));
        var at = host.Time.GetUtcNow() + kind switch { "stale" => TimeSpan.FromMinutes(-6), "future" => TimeSpan.FromMinutes(6), _ => TimeSpan.Zero };
        using var request = SlackRequestSigner.SignedPost("/slack/events", body, "application/json", TestOptions.SigningSecret, at);
        if (kind == "unsigned") request.Headers.Remove("X-Slack-Signature");
        if (kind == "tampered") request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(SlackPayloads.Mention(SextortionQuestion)));

        var response = await host.Client.SendAsync(request);
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Slack.RequestsTo("chat.postMessage"));
        Assert.Single(host.Logs.Containing("Rejected a request to /slack/events", LogLevel.Warning));
    }

    [Fact]
    public async Task Events_SignedButNotJson_400WithoutRetry()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostEventAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Slack-No-Retry").Single());
    }

    [Fact]
    public async Task Commands_SignedAsk_Empty200ThenTheAnswerThroughTheResponseUrl()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", GroomingQuestion, host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal("in_channel", answer.Json().GetProperty("response_type").GetString());
        Assert.Contains("Warning signs of online grooming", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_SensitiveAsk_EphemeralAnswer()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", SextortionQuestion, host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Equal("ephemeral", answer.Json().GetProperty("response_type").GetString());
        Assert.Equal(BotTexts.PrivateNotification, answer.Json().GetProperty("text").GetString());
    }

    [Fact]
    public async Task Commands_Hotlines_HotlineBlocksThroughTheResponseUrl()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/hotlines", "GB", host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Contains("UK Test Line", answer.Body, StringComparison.Ordinal);
        Assert.Contains("Call 0800 555 0100", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_HotlinesWithTextForARegion_EphemeralListThatNeverRepeatsTheText()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/hotlines", "call 555-0100 for *help*", host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Equal("ephemeral", answer.Json().GetProperty("response_type").GetString());
        Assert.DoesNotContain("555", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("help*", answer.Body, StringComparison.Ordinal);
        Assert.Contains("GB", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_ResponseUrlOnAnotherHost_NothingIsPostedThere()
    {
        await using var host = await SlackTestHost.StartAsync();
        await using var elsewhere = await LoopbackSlackServer.StartAsync();

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", SextortionQuestion, elsewhere.ResponseUrl("cmd")));
        await host.StopAsync();

        Assert.Empty(elsewhere.Requests);
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("response_url outside Slack's hooks host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_MentionInAChannelTheCommunityIgnores_NothingSentToSlack()
    {
        await using var host = await SlackTestHost.StartAsync(community: new CommunitySettings { IgnoreChannels = [SlackPayloads.Channel] });

        var response = await host.PostEventAsync(SlackPayloads.Mention(GroomingQuestion));
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(host.Slack.Requests, r => r.Target != "auth.test");
    }

    [Fact]
    public async Task Commands_InAChannelOutsideTheAnswerChannels_EphemeralHintToUseADirectMessage()
    {
        await using var host = await SlackTestHost.StartAsync(community: new CommunitySettings { AnswerChannels = ["C0OTHER"] });

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", GroomingQuestion, host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Equal("ephemeral", answer.Json().GetProperty("response_type").GetString());
        Assert.Contains("send me a direct message", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning signs of online grooming", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_SslCheck_200WithoutASignature()
    {
        await using var host = await SlackTestHost.StartAsync();
        using var content = new StringContent("ssl_check=1&token=abc", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await host.Client.PostAsync("/slack/commands", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(host.Slack.Requests, r => r.Target != "auth.test");
    }

    [Fact]
    public async Task Commands_Unsigned_401()
    {
        await using var host = await SlackTestHost.StartAsync();
        using var content = new StringContent(SlackPayloads.Command("/ask", "x", host.Slack.ResponseUrl("cmd")), Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await host.Client.PostAsync("/slack/commands", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Interactivity_FeedbackClick_CountedAndThankedPrivately()
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = SlackSpecFiles.ReadPayload("slack-block-actions-payload.json")
            .Replace("\"action_id\": \"a\"", "\"action_id\": \"bothost_feedback_not_helpful\"", StringComparison.Ordinal)
            .Replace("\"value\": \"underlying\"", "\"value\": \"answer:grooming-signs\"", StringComparison.Ordinal)
            .Replace("https://hooks.slack.com/actions/T111/111/xxx", host.Slack.ResponseUrl("click").AbsoluteUri, StringComparison.Ordinal);

        var response = await host.PostFormAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));
        await host.Feedback.WaitAsync();
        var thanks = await host.Slack.NextRequestAsync("hooks/click");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("slack", "T111", "grooming-signs", false), Assert.Single(host.Feedback.Votes));
        Assert.Equal("ephemeral", thanks.Json().GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Interactivity_HelpfulThenNotHelpfulOnOneReply_OnlyTheFirstCounted()
    {
        await using var host = await SlackTestHost.StartAsync();
        string Click(string actionId) => SlackSpecFiles.ReadPayload("slack-block-actions-payload.json")
            .Replace("\"action_id\": \"a\"", $"\"action_id\": \"{actionId}\"", StringComparison.Ordinal)
            .Replace("\"value\": \"underlying\"", "\"value\": \"answer:grooming-signs\"", StringComparison.Ordinal)
            .Replace("https://hooks.slack.com/actions/T111/111/xxx", host.Slack.ResponseUrl("click").AbsoluteUri, StringComparison.Ordinal);

        await host.PostFormAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(Click("bothost_feedback_helpful")));
        await host.PostFormAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(Click("bothost_feedback_not_helpful")));
        await host.StopAsync();

        Assert.Equal(("slack", "T111", "grooming-signs", true), Assert.Single(host.Feedback.Votes));
        Assert.Equal(2, host.Slack.RequestsTo("hooks/click").Count);
    }

    [Fact]
    public async Task Interactivity_SameClickTwice_CountedOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = SlackSpecFiles.ReadPayload("slack-block-actions-payload.json")
            .Replace("\"action_id\": \"a\"", "\"action_id\": \"bothost_feedback_helpful\"", StringComparison.Ordinal)
            .Replace("\"value\": \"underlying\"", "\"value\": \"answer:grooming-signs\"", StringComparison.Ordinal)
            .Replace("https://hooks.slack.com/actions/T111/111/xxx", host.Slack.ResponseUrl("click").AbsoluteUri, StringComparison.Ordinal);

        await host.PostFormAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));
        await host.PostFormAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload));
        await host.StopAsync();

        Assert.Single(host.Feedback.Votes);
        Assert.Equal(2, host.Slack.RequestsTo("hooks/click").Count);
    }

    [Fact]
    public async Task Services_AddSlack_RegistersAConnectedAdapterAndAnAlertSender()
    {
        await using var host = await SlackTestHost.StartAsync();

        var adapter = Assert.Single(host.Services.GetServices<IChatAdapter>());
        var alerts = Assert.Single(host.Services.GetServices<IModeratorAlertSender>());

        Assert.Equal(("slack", AdapterState.Connected), (adapter.Platform, adapter.Status.State));
        Assert.Equal("slack", alerts.Platform);
    }

    [Fact]
    public async Task Services_OnlyASigningSecret_CommandsStillAnsweredAndTheMissingTokenExplained()
    {
        await using var host = await SlackTestHost.StartAsync(s => s["Slack:BotToken"] = null);

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", GroomingQuestion, host.Slack.ResponseUrl("cmd")));
        await host.Slack.NextRequestAsync("hooks/cmd");
        await host.PostEventAsync(SlackPayloads.Mention(GroomingQuestion));
        await host.StopAsync();

        Assert.DoesNotContain(host.Slack.Requests, r => r.Target.Contains('.', StringComparison.Ordinal));
        Assert.NotEmpty(host.Logs.Containing("set Slack__BotToken", LogLevel.Warning));
    }

    [Fact]
    public async Task Services_NoSlackSettings_OffAndNoEndpoints()
    {
        await using var host = await SlackTestHost.StartAsync(s =>
        {
            s["Slack:SigningSecret"] = null;
            s["Slack:BotToken"] = null;
            s["Slack:AppToken"] = null;
        });

        var response = await host.PostEventAsync(SlackPayloads.Mention(GroomingQuestion));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AdapterState.Disabled, host.Services.GetRequiredService<IChatAdapter>().Status.State);
    }
}
