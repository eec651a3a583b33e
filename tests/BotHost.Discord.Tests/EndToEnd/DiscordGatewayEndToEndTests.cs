using System.Text.Json;
using System.Text.Json.Nodes;
using BotHost.Core.Adapters;
using BotHost.Discord.Tests.Fakes;
using BotHost.Discord.Tests.Gateway;
using BotHost.Testing.Discord;
using BotHost.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Discord.Tests.EndToEnd;

/// <summary>
/// The whole Discord adapter as <c>serve</c> composes it, with the gateway on: <c>GET /gateway/bot</c> on the
/// loopback REST server points at the loopback gateway; a mention arrives as MESSAGE_CREATE and the answer goes out
/// by REST.
/// </summary>
public sealed class DiscordGatewayEndToEndTests
{
    [Fact]
    public async Task Gateway_ReadyThenMention_AnsweredByRestAndAdapterConnected()
    {
        await using var gateway = await LoopbackDiscordGateway.StartAsync();
        await using var host = await DiscordTestHost.StartAsync(
            s => s["Discord:Gateway"] = "true",
            prepare: api => api.Enqueue("GET gateway/bot", [.. Enumerable.Repeat(GatewayBot(gateway), 5)]));

        var socket = await gateway.NextSocketAsync();
        await socket.SendAsync(GatewayPayloadFiles.Hello);
        var identify = JsonDocument.Parse(await socket.ReceiveAsync()).RootElement;
        Assert.Equal(DiscordTestHost.BotToken, identify.GetProperty("d").GetProperty("token").GetString());
        await socket.SendAsync(Ready(gateway));
        await GatewayHarness.SyncAsync(socket);
        Assert.Equal(AdapterState.Connected, host.Services.GetServices<IChatAdapter>().Single(a => a.Platform == "discord").Status.State);

        var dispatch = new JsonObject
        {
            ["op"] = 0,
            ["s"] = 2,
            ["t"] = "MESSAGE_CREATE",
            ["d"] = JsonNode.Parse(DiscordPayloads.MessageCreate($"<@{DiscordTestHost.BotUserId}> how can i tell if someone is grooming my child", true).GetRawText()),
        };
        await socket.SendAsync(dispatch.ToJsonString());

        var reply = await host.Api.NextRequestAsync($"POST channels/{DiscordPayloads.ChannelId}/messages");
        Assert.Contains("\"embeds\"", reply.Body, StringComparison.Ordinal);
    }

    private static LoopbackResponse GatewayBot(LoopbackDiscordGateway gateway) => LoopbackResponse.Json(
        $$$"""{"url":"{{{gateway.GatewayUrl.AbsoluteUri}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}""");

    private static string Ready(LoopbackDiscordGateway gateway) => $$$$"""
        {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"{{{{DiscordTestHost.BotUserId}}}}","username":"bothost","discriminator":"0","bot":true},
        "guilds":[],"session_id":"e2e-session","resume_gateway_url":"{{{{gateway.ResumeUrl.AbsoluteUri}}}}","application":{"id":"{{{{DiscordTestHost.ApplicationId}}}}","flags":0}}}
        """;
}
