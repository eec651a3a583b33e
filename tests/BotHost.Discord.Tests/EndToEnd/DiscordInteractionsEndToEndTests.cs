using System.Net;
using System.Text;
using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Discord.Gateway;
using BotHost.Discord.Tests.Fakes;
using BotHost.Discord.Tests.Spec;
using BotHost.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Discord.Tests.EndToEnd;

/// <summary>Signed interactions into a real loopback host; the responses are read as Discord would read them.</summary>
public sealed class DiscordInteractionsEndToEndTests
{
    private const string SextortionQuestion = "someone is threatening to share my nudes unless i pay";
    private const string GroomingQuestion = "how can i tell if someone is grooming my child";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Interactions_Ping_Pong()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordSpecFiles.ReadPayload("discord-interaction-ping.MINIMAL.json")));

        Assert.Equal("""{"type":1}""", json.GetRawText());
    }

    [Fact]
    public async Task Interactions_SignatureVectorBody_PongWithTheVectorsOwnSignature()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var vector = JsonDocument.Parse(DiscordSpecFiles.ReadPayload("discord-signature-test-vector.GENERATED.json")).RootElement;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions")
        {
            Content = new StringContent(vector.GetProperty("raw_body").GetString()!, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", vector.GetProperty("X-Signature-Ed25519").GetString());
        request.Headers.Add("X-Signature-Timestamp", vector.GetProperty("X-Signature-Timestamp").GetString());

        var json = await JsonAsync(await host.Client.SendAsync(request));

        Assert.Equal(1, json.GetProperty("type").GetInt32());
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("no-signature")]
    [InlineData("no-timestamp")]
    public async Task Interactions_BadSignature_401BeforeParsing(string problem)
    {
        await using var host = await DiscordTestHost.StartAsync();
        using var request = DiscordSigner.SignedPost("/discord/interactions", DiscordPayloads.Ask(SextortionQuestion));
        if (problem == "tampered") request.Content = new StringContent(DiscordPayloads.Ask(GroomingQuestion), Encoding.UTF8, "application/json");
        if (problem == "no-signature") request.Headers.Remove("X-Signature-Ed25519");
        if (problem == "no-timestamp") request.Headers.Remove("X-Signature-Timestamp");

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("Replied on discord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Interactions_AskSextortion_InlineEphemeralAnswerWithSourceAndHotlines()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Ask(SextortionQuestion)));

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Equal("[]", data.GetProperty("allowed_mentions").GetProperty("parse").GetRawText());
        Assert.True(data.GetProperty("embeds").GetArrayLength() >= 1);
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/interactions/{interaction_id}/{interaction_token}/callback", json.GetRawText()));
        Assert.Empty(host.Api.Requests);
    }

    [Fact]
    public async Task Interactions_AskGrooming_InlinePublicAnswerWithFeedbackButtons()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Ask(GroomingQuestion)));

        var data = json.GetProperty("data");
        Assert.False(data.TryGetProperty("flags", out _));
        var embed = data.GetProperty("embeds")[0];
        Assert.Contains("Last reviewed", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        var rows = data.GetProperty("components");
        var buttons = rows[rows.GetArrayLength() - 1].GetProperty("components");
        Assert.StartsWith("bothost:fb:1:Answer:", buttons[0].GetProperty("custom_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_Hotlines_RegionOptionServicesOfThatRegion()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Ask("GB", command: "hotlines", option: "region")));

        var embed = json.GetProperty("data").GetProperty("embeds")[0];
        Assert.Contains("GB", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_HotlinesWithTextForARegion_EphemeralListThatNeverRepeatsTheText()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Ask("call 555-0100 for help", command: "hotlines", option: "region")));

        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.DoesNotContain("555", data.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("GB", data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_FindHelpForThisMessage_PrivateAnswerWithoutRepostingTheMessage()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.FindHelp(GroomingQuestion)));

        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.DoesNotContain(GroomingQuestion, json.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Interactions_FeedbackButtonClickedTwice_CountedOnceAndThankedPrivately()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var click = DiscordPayloads.Button("bothost:fb:1:Answer:sextortion");

        var first = await JsonAsync(await host.PostInteractionAsync(click));
        var second = await JsonAsync(await host.PostInteractionAsync(click));

        Assert.Equal(("discord", DiscordPayloads.GuildId, "sextortion", true), await host.Feedback.NextAsync());
        Assert.Equal(0, host.Feedback.Count);
        Assert.Equal(64, first.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(first.GetRawText(), second.GetRawText());
    }

    [Fact]
    public async Task Interactions_HelpfulThenNotHelpfulOnOneReply_OnlyTheFirstCounted()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await host.PostInteractionAsync(DiscordPayloads.Button("bothost:fb:1:Answer:sextortion"));
        var second = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Button("bothost:fb:0:Answer:sextortion")));

        Assert.Equal(("discord", DiscordPayloads.GuildId, "sextortion", true), await host.Feedback.NextAsync());
        Assert.Equal(0, host.Feedback.Count);
        Assert.Equal(64, second.GetProperty("data").GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task Interactions_CommandInIgnoredChannel_PrivateNotAnsweredHere()
    {
        await using var host = await DiscordTestHost.StartAsync(community: new CommunitySettings { Region = "US", IgnoreChannels = [DiscordPayloads.ChannelId] });

        var json = await JsonAsync(await host.PostInteractionAsync(DiscordPayloads.Ask(GroomingQuestion)));

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("answer in this channel", data.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(data.TryGetProperty("embeds", out _));
    }

    [Fact]
    public async Task Interactions_AnswerSlowerThanDeadline_DeferredEphemeralThenOriginalEditedThroughWebhook()
    {
        var gate = new GateHandler();
        await using var host = await DiscordTestHost.StartAsync(services: s => s.AddSingleton<IMessageHandler>(gate));
        var responding = host.PostInteractionAsync(DiscordPayloads.Ask(GroomingQuestion));

        await host.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var json = await JsonAsync(await responding);
        Assert.Equal(5, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Empty(host.Api.Requests);
        gate.Open();

        var edit = await host.Api.NextRequestAsync($"PATCH webhooks/{DiscordTestHost.ApplicationId}/A_UNIQUE_TOKEN/messages/@original");
        Assert.Null(edit.Header("Authorization"));
        Assert.Contains("\"embeds\"", edit.Body, StringComparison.Ordinal);
        Assert.Empty(DiscordOpenApi.ValidateRequest("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", edit.Body));
    }

    [Fact]
    public async Task Interactions_CpuBoundAnswerSlowerThanDeadline_DeferredWhileItRunsThenOriginalEdited()
    {
        using var busy = new BusyHandler();
        await using var host = await DiscordTestHost.StartAsync(services: s => s.AddSingleton<IMessageHandler>(busy));
        var responding = host.PostInteractionAsync(DiscordPayloads.Ask(GroomingQuestion));

        await host.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        await busy.Started.WaitAsync(TimeSpan.FromSeconds(20));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var json = await JsonAsync(await responding);
        var answeringWhenDeferred = busy.IsBusy;
        busy.Finish();

        Assert.Equal(5, json.GetProperty("type").GetInt32());
        Assert.True(answeringWhenDeferred);
        var edit = await host.Api.NextRequestAsync($"PATCH webhooks/{DiscordTestHost.ApplicationId}/A_UNIQUE_TOKEN/messages/@original");
        Assert.Contains("\"embeds\"", edit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_PublicKeyOnly_ConnectedWithoutToken()
    {
        await using var host = await DiscordTestHost.StartAsync(s => s["Discord:BotToken"] = null);

        var status = host.Services.GetServices<IChatAdapter>().Single(a => a.Platform == "discord").Status;

        Assert.Equal(AdapterState.Connected, status.State);
    }

    [Fact]
    public async Task GatewayInteraction_AskOverTheGateway_AnsweredThroughTheCallbackEndpoint()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var dispatch = host.Services.GetRequiredService<IGatewayDispatchHandler>();

        await dispatch.HandleAsync("INTERACTION_CREATE", JsonDocument.Parse(DiscordPayloads.Ask(GroomingQuestion)).RootElement, CancellationToken.None);

        var callback = await host.Api.NextRequestAsync("POST interactions/786008729715212338/A_UNIQUE_TOKEN/callback");
        Assert.Null(callback.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", callback.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal(4, callback.Json().GetProperty("type").GetInt32());
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/interactions/{interaction_id}/{interaction_token}/callback", callback.Body));
    }
}
